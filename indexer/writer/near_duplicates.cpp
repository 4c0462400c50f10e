#include "writer/near_duplicates.hpp"

#include <algorithm>
#include <bit>
#include <map>
#include <numeric>
#include <unordered_set>

#include "schema/article_keys.hpp"
#include "schema/paragraph_record.hpp"
#include "schema/schema.hpp"
#include "util/fingerprint.hpp"

namespace parley::writer {
namespace {

constexpr int kBands = 4;
// Bigger buckets mean boilerplate shared by very many articles; comparing them all
// would be quadratic and tell nothing.
constexpr std::size_t kMaxBucket = 2000;

std::uint64_t mix(std::uint64_t h) {  // splitmix64 finaliser: spreads shingle hashes
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

int distance(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

struct Candidate {
    Xapian::docid docid = 0;
    std::string article_id;
    std::uint64_t simhash = 0;
    std::string label;
};

// First-paragraph documents posted under `term`, with their SimHash and group; given
// `near`, only those within kMaxDuplicateDistance of it (the others' records, a read and
// an inflate each, are not read).
std::vector<Candidate> bucket(const Xapian::Database& db, const std::string& term,
                              std::optional<std::uint64_t> near = std::nullopt) {
    std::vector<Candidate> out;
    if (db.get_termfreq(term) > kMaxBucket) return out;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        const Xapian::Document doc = db.get_document(*it, Xapian::DOC_ASSUME_VALID);
        const auto simhash = decode_simhash(doc.get_value(schema::kSimhashSlot));
        if (!simhash || (near && distance(*simhash, *near) > kMaxDuplicateDistance)) continue;
        out.push_back({*it, schema::ParagraphRecord::article_id_in(doc.get_data()), *simhash,
                       doc.get_value(schema::kGroupSlot)});
    }
    return out;
}

}  // namespace

std::optional<std::uint64_t> text_simhash(const std::vector<std::uint64_t>& word_hashes) {
    if (word_hashes.size() < kMinShingles + 2) return std::nullopt;
    int votes[64] = {};
    for (std::size_t i = 0; i + 2 < word_hashes.size(); ++i) {
        const std::uint64_t shingle =
            mix(word_hashes[i] ^ mix(word_hashes[i + 1] ^ mix(word_hashes[i + 2])));
        for (int bit = 0; bit < 64; ++bit) votes[bit] += (shingle >> bit) & 1 ? 1 : -1;
    }
    std::uint64_t out = 0;
    for (int bit = 0; bit < 64; ++bit) {
        if (votes[bit] > 0) out |= std::uint64_t{1} << bit;
    }
    return out;
}

std::vector<std::string> band_terms(std::uint64_t simhash) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::vector<std::string> out;
    for (int band = 0; band < kBands; ++band) {
        std::string term(schema::kBandPrefix);
        term.push_back(static_cast<char>('0' + band));
        const unsigned bits = static_cast<unsigned>(simhash >> (16 * band)) & 0xffff;
        for (int shift = 12; shift >= 0; shift -= 4) term.push_back(kDigits[(bits >> shift) & 0xf]);
        out.push_back(std::move(term));
    }
    return out;
}

std::string encode_simhash(std::uint64_t simhash) {
    std::string out(8, '\0');
    for (int i = 7; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = static_cast<char>(simhash & 0xff);
        simhash >>= 8;
    }
    return out;
}

std::optional<std::uint64_t> decode_simhash(const std::string& value) {
    if (value.size() != 8) return std::nullopt;
    std::uint64_t out = 0;
    for (unsigned char c : value) out = (out << 8) | c;
    return out;
}

std::string own_group_label(const std::string& article_id, std::optional<std::uint64_t> simhash) {
    std::string seed = article_id;
    if (simhash) seed.append("\n").append(util::hex64(*simhash));
    return util::hex64(util::fnv1a64(seed));
}

std::optional<std::string> find_duplicate_group(const std::vector<Xapian::Database>& databases,
                                                std::uint64_t simhash,
                                                const std::string& article_id) {
    for (const auto& term : band_terms(simhash)) {
        for (const auto& db : databases) {
            for (const auto& c : bucket(db, term, simhash)) {  // all within the distance
                if (c.article_id != article_id && !c.label.empty()) {
                    return c.label;
                }
            }
        }
    }
    return std::nullopt;
}

void set_group(std::vector<Xapian::Document>& paragraphs, const std::string& label,
               const std::vector<std::string>& paragraph_keys) {
    for (std::size_t i = 0; i < paragraphs.size(); ++i) {
        Xapian::Document& doc = paragraphs[i];
        if (i == 0) doc.add_boolean_term(schema::term(schema::kGroupPrefix, label));
        doc.add_value(schema::kGroupSlot, label);
        const std::string key = i < paragraph_keys.size() ? paragraph_keys[i] : util::hex64(i);
        doc.add_value(schema::kDuplicateKeySlot, label + key);
    }
}

std::vector<std::string> word_terms(const Xapian::Document& doc) {
    std::vector<std::string> out;
    const std::string prefix(schema::kWordPrefix);
    auto t = doc.termlist_begin();
    for (t.skip_to(prefix); t != doc.termlist_end(); ++t) {
        if ((*t).compare(0, prefix.size(), prefix) != 0) break;
        out.push_back(*t);
    }
    return out;  // a termlist is sorted and distinct
}

namespace {

double similarity(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.empty() || b.empty()) return 0;
    std::size_t shared = 0;
    for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
        if (*i < *j) {
            ++i;
        } else if (*j < *i) {
            ++j;
        } else {
            ++shared, ++i, ++j;
        }
    }
    return static_cast<double>(shared) / static_cast<double>(a.size() + b.size() - shared);
}

}  // namespace

void align_paragraph_keys(const std::vector<Xapian::Database>& databases, const std::string& label,
                          const std::string& article_id,
                          const std::vector<std::vector<std::string>>& paragraph_words,
                          std::vector<std::string>& paragraph_keys) {
    struct Known {
        std::vector<std::string> words;
        std::string key;  // slot 6 without the label
    };
    std::vector<Known> known;
    // One paragraph per key: a group's copies share their keys, so a widely republished
    // article would otherwise have each new copy read and compare every copy's paragraphs
    // (the cost of an add growing with the archive). The first paragraph with a key, the
    // earliest indexed, stands for it.
    std::unordered_set<std::string> keys;
    const std::string group = schema::term(schema::kGroupPrefix, label);
    for (const auto& db : databases) {
        std::vector<std::string> members;
        for (auto it = db.postlist_begin(group); it != db.postlist_end(group); ++it) {
            const std::string id =
                schema::ParagraphRecord::article_id_in(db.get_document(*it).get_data());
            if (id != article_id) members.push_back(id);
        }
        for (const auto& id : members) {
            const std::string term = schema::article_keys_in(db, id).term;
            for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
                const Xapian::Document doc = db.get_document(*p);
                const std::string key = doc.get_value(schema::kDuplicateKeySlot);
                if (key.size() <= label.size()) continue;
                std::string own = key.substr(label.size());
                if (keys.insert(own).second) known.push_back({word_terms(doc), std::move(own)});
            }
        }
    }
    for (std::size_t i = 0; i < paragraph_words.size() && i < paragraph_keys.size(); ++i) {
        double best = kMinParagraphSimilarity;
        for (const auto& k : known) {
            const double s = similarity(paragraph_words[i], k.words);
            if (s >= best) {
                best = s;
                paragraph_keys[i] = k.key;
            }
        }
    }
}

std::size_t join_duplicate_groups(Xapian::WritableDatabase& db) {
    // Union-find over first-paragraph docids of articles that share a band and are close.
    std::map<Xapian::docid, Candidate> articles;
    std::map<Xapian::docid, Xapian::docid> parent;
    auto find = [&](Xapian::docid d) {
        while (parent[d] != d) d = parent[d] = parent[parent[d]];
        return d;
    };
    const std::string prefix(schema::kBandPrefix);
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        if (t.get_termfreq() < 2) continue;
        const std::vector<Candidate> members = bucket(db, *t);
        for (const auto& m : members) {
            if (articles.emplace(m.docid, m).second) parent[m.docid] = m.docid;
        }
        for (std::size_t i = 0; i < members.size(); ++i) {
            for (std::size_t j = i + 1; j < members.size(); ++j) {
                if (distance(members[i].simhash, members[j].simhash) > kMaxDuplicateDistance) {
                    continue;
                }
                const auto a = find(members[i].docid), b = find(members[j].docid);
                if (a != b) parent[std::max(a, b)] = std::min(a, b);
            }
        }
    }
    // Each group's label: that of its member with the smallest article id.
    std::map<Xapian::docid, const Candidate*> leader;
    for (const auto& [docid, c] : articles) {
        const Candidate*& l = leader[find(docid)];
        if (!l || c.article_id < l->article_id) l = &c;
    }
    std::size_t relabelled = 0;
    for (const auto& [docid, c] : articles) {
        const std::string& label = leader[find(docid)]->label;
        if (c.label == label) continue;
        ++relabelled;
        const std::string article_term = schema::article_keys_in(db, c.article_id).term;
        std::vector<Xapian::docid> paragraphs;  // collected first: we rewrite as we go
        for (auto p = db.postlist_begin(article_term); p != db.postlist_end(article_term); ++p) {
            paragraphs.push_back(*p);
        }
        std::vector<std::vector<std::string>> words;
        std::vector<std::string> keys;
        for (const Xapian::docid p : paragraphs) {
            const Xapian::Document doc = db.get_document(p);
            words.push_back(word_terms(doc));
            const std::string key = doc.get_value(schema::kDuplicateKeySlot);
            keys.push_back(key.substr(std::min(key.size(), c.label.size())));
        }
        // Members already under `label` are the ones to align with.
        align_paragraph_keys({db}, label, c.article_id, words, keys);
        for (std::size_t i = 0; i < paragraphs.size(); ++i) {
            const Xapian::docid p = paragraphs[i];
            Xapian::Document doc = db.get_document(p);
            if (p == docid) {
                const std::string old_group = schema::term(schema::kGroupPrefix, c.label);
                auto term = doc.termlist_begin();
                term.skip_to(old_group);
                if (term != doc.termlist_end() && *term == old_group) doc.remove_term(old_group);
                doc.add_boolean_term(schema::term(schema::kGroupPrefix, label));
            }
            doc.add_value(schema::kGroupSlot, label);
            doc.add_value(schema::kDuplicateKeySlot, label + keys[i]);
            db.replace_document(p, doc);
        }
    }
    return relabelled;
}

}  // namespace parley::writer
