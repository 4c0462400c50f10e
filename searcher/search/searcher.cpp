#include "parley/searcher.hpp"

#include <sys/stat.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <thread>
#include <unordered_set>

#include "analysis/normalizer.hpp"
#include "facets/facet_counter.hpp"
#include "facets/facet_table.hpp"
#include "facets/selections.hpp"
#include "highlight/highlighter.hpp"
#include "match/doc_table.hpp"
#include "match/matcher.hpp"
#include "parley/error.hpp"
#include "parley/gazetteer.hpp"
#include "parley/shard_set.hpp"
#include "query/expansions.hpp"
#include "query/query_builder.hpp"
#include "query/query_parser.hpp"
#include "rank/coordinate_weight.hpp"
#include "schema/article_keys.hpp"
#include "schema/facets.hpp"
#include "schema/manifest.hpp"
#include "schema/paragraph_record.hpp"
#include "schema/schema.hpp"
#include "search/duplicate_index.hpp"
#include "search/feedback.hpp"
#include "search/hit_reader.hpp"
#include "search/index_tables.hpp"
#include "search/page.hpp"
#include "search/request_query.hpp"
#include "search/shard_connector.hpp"
#include "storage/index_layout.hpp"
#include "util/xapian_errors.hpp"
#include "views/view_context.hpp"

namespace parley {
namespace {

// A search that meets the index changing under it (a writer committed twice while it
// read, or a compaction removed the files it had open) reopens and runs again, after a
// wait that doubles each time (1 ms up to 64 ms, with jitter, so that searchers retrying
// together spread out): about a quarter of a second in all before it gives up. A writer
// committing every 50 ms made five quick attempts fail for 1 search in 60.
constexpr int kMaxAttempts = 9;
// Reading a revision whose blocks a writer is reusing can look like corruption to Xapian
// ("Expected block ... to be level 1, not 0"); after a reopen the same read is whole. The
// same error this many times in a row is reported as the corruption it is.
constexpr int kMaxCorruptAttempts = 2;

// The wait before attempt `attempt` (2 and up) of a search the index changed under.
std::chrono::microseconds retry_wait(int attempt) {
    thread_local std::minstd_rand jitter(std::random_device{}());
    const long base = 1000L << std::min(attempt - 2, 6);
    return std::chrono::microseconds(base / 2 +
                                     static_cast<long>(jitter() % static_cast<unsigned>(base)));
}
// A search of a shard set that loses a connection reconnects (to another replica if need
// be) and runs again, this many times in all: each try may wait ShardSet::timeout.
constexpr int kMaxNetworkAttempts = 2;
// How often a Searcher that answers partially tries again to reach its missing shards.
constexpr std::chrono::seconds kMissingShardRetry{2};

// Identifies one version of the index's shard list: the stub is replaced by rename.
struct StubVersion {
    ino_t inode = 0;
    std::int64_t mtime_ns = 0;
    bool operator==(const StubVersion&) const = default;
};

StubVersion stub_version(const std::string& index_path) {
    struct stat st {};
    if (::stat(storage::IndexLayout::stub_path(index_path).c_str(), &st) != 0) return {};
    return {st.st_ino,
            static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

// The DocTable parts a plan's cursors read: token streams for phrases (of paragraphs or
// titles), dates for ranges.
// Whether a group of the query holds one word twice (as the builder counts repeats: among
// the clauses of one group, excluded ones aside).
bool repeats_a_word(const query::QueryNode& node) {
    std::set<std::string> words;
    for (const auto& child : node.children) {
        if (child.type == query::QueryNode::Type::Word &&
            child.occur != query::QueryNode::Occur::MustNot &&
            !words.insert(child.tokens.front().term).second)
            return true;
        if (repeats_a_word(child)) return true;
    }
    return false;
}

unsigned tables_for_plan(const match::Plan& plan) {
    unsigned parts = 0;
    if (plan.op == match::Plan::Op::Phrase || plan.op == match::Plan::Op::Near)
        parts |= match::DocTable::kStreams;
    if (plan.op == match::Plan::Op::TitlePhrase) parts |= match::DocTable::kTitles;
    if (plan.op == match::Plan::Op::DateRange) parts |= match::DocTable::kDates;
    for (const auto& child : plan.children) parts |= tables_for_plan(child);
    return parts;
}

// Checks the request and returns the numbers of the facets it asks for.
std::vector<int> checked_facets(const SearchRequest& request);

// A strict request refuses what it would otherwise search in a wider way.
void refuse_if_strict(const SearchRequest& request, const search::RequestQuery& parsed,
                      const query::QueryBuilder& builder) {
    if (!request.strict) return;
    std::vector<std::string> refused = parsed.unknown_fields;
    refused.insert(refused.end(), builder.ignored_filters().begin(),
                   builder.ignored_filters().end());
    if (refused.empty()) return;
    std::string message;
    for (const auto& r : refused) message += (message.empty() ? "" : "; ") + r;
    throw QueryError(message);
}

std::vector<int> checked_facets(const SearchRequest& request) {
    search::check_page_bounds(request.offset, request.limit);
    if (request.snippets && request.snippet_length == 0)
        throw UsageError("snippet length 0: give 1 character or more (or turn snippets off)");
    auto check_length = [](const std::string& text, const char* what) {
        if (text.size() > SearchRequest::kMaxQueryBytes) {
            throw QueryError(std::string(what) + " is " + std::to_string(text.size()) +
                             " bytes long; the limit is " +
                             std::to_string(SearchRequest::kMaxQueryBytes));
        }
    };
    check_length(request.query, "the query");
    for (const auto& f : request.filters) check_length(f, "a filter");
    for (const auto& s : request.selections) check_length(s, "a selection");
    std::vector<int> facet_ids;
    for (const auto& name : request.facets) {
        const int id = facets::FacetTable::facet_id(name);
        if (id < 0)
            throw UsageError("unknown facet '" + name + "' (use " + schema::facet_list() + ")");
        if (std::find(facet_ids.begin(), facet_ids.end(), id) == facet_ids.end())
            facet_ids.push_back(id);
    }
    return facet_ids;
}

// `plan` ranked also by pseudo-relevance feedback: its best paragraphs lend it the words
// they share (search::Feedback); `stems` receives those words' stems. `plan` itself when
// none stand out. The first ranking keeps its phrase checks in `phrases`, which `context`
// then answers the second from: `phrases` must outlive that second run.
match::Plan with_feedback(const match::Plan& plan, const Xapian::Database& db,
                          match::MatchContext& context, match::PhraseMemo& phrases,
                          std::vector<std::string>& stems) {
    context.phrases = &phrases;
    match::MatchRequest first;
    first.keep = search::Feedback::kParagraphs;
    first.count_articles = false;
    const match::MatchResult top = match::run(plan, first, context);
    std::vector<Xapian::docid> best;
    for (const auto& s : top.best) best.push_back(s.doc);
    std::vector<std::string> query_terms;
    search::Feedback::collect_query_terms(plan, query_terms);
    const auto words =
        search::Feedback::words(db, best, query_terms, search::Feedback::kMinParagraphs);
    for (const auto& w : words) stems.push_back(w.term.substr(schema::kWordPrefix.size()));
    return words.empty() ? plan : search::Feedback::expand(plan, words);
}

// `word`, a folded word of the index (lower case), written as `typed` was: in capitals if
// `typed` has two letters or more and none in lower case ("SANCTONS" → "SANCTIONS"), with
// a capital first if its first letter is one ("Chinna" → "China"), else as it is. A query's
// case is part of its meaning ("US", "WHO"; AND, OR and NOT in an all-capitals query).
std::string in_case_of(std::string_view typed, const std::string& word) {
    std::size_t letters = 0;
    bool upper_first = false, any_lower = false;
    const auto size = static_cast<std::int32_t>(typed.size());
    for (std::int32_t i = 0; i < size;) {
        UChar32 c;
        U8_NEXT(typed.data(), i, size, c);
        if (c < 0 || !u_isalpha(c)) continue;
        if (letters++ == 0) upper_first = u_isupper(c) || u_istitle(c);
        any_lower = any_lower || u_islower(c);
    }
    if (letters == 0 || !upper_first) return word;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
    if (letters >= 2 && !any_lower) {
        u.toUpper(icu::Locale::getRoot());
    } else if (!u.isEmpty()) {
        const UChar32 first = u.char32At(0);
        u.replace(0, U16_LENGTH(first), icu::UnicodeString(u_totitle(first)));
    }
    std::string out;
    u.toUTF8String(out);
    return out;
}

}  // namespace

struct PARLEY_LOCAL Searcher::Impl {
    std::string path;
    Xapian::Database db;
    schema::Manifest manifest;
    std::optional<Gazetteer> gazetteer;
    std::optional<query::EntityNames> entity_names;  // of `gazetteer`
    std::unique_ptr<TopicTagger> topic_tagger;       // of `gazetteer`, built on first need
    Synonyms synonyms;
    query::SynonymTable synonym_table;  // `synonyms` analysed for the default language
    std::map<std::string, std::unique_ptr<Analyzer>> analyzers;  // by language
    std::shared_ptr<search::IndexTables> tables;        // this version's, shared in the process
    std::optional<facets::FacetTable> query_table;      // the last small match set's
    search::HitReader::ArticleCache article_records;    // of this index version
    static constexpr std::size_t kSmallMatchShare = 8;  // "small" = under 1/8 of the index
    highlight::Highlighter highlighter;
    StubVersion opened_stub;
    std::vector<Xapian::Database> shards;  // of a sharded index, in db's order; else empty
    std::uint64_t catch_ups = 0;           // Searcher::catch_up_count()

    // Searching a ShardSet: the connections, and the shards that had no live replica.
    std::optional<search::ShardConnector> cluster;
    std::vector<std::string> shard_names;      // ShardSpec::name of each of `shards`
    std::vector<std::string> shard_addresses;  // the replica each of `shards` came from
    std::vector<std::string> missing_shards;
    std::vector<std::string> missing_why;  // per missing shard, why it is left out
    std::string missing_reasons;
    std::vector<std::string> shard_notes;   // what the shards' manifests disagree on
    std::vector<std::string> shard_stamps;  // stamp_of() each of `shards`' manifests
    // The local addresses of the set, each with the version of its shard list when opened:
    // an index directory given as a shard gains a shard (a new year) by a new stub.
    std::vector<std::pair<std::string, StubVersion>> shard_stubs;
    std::vector<std::string> remote_shards;  // ShardSpec::name of each shard opened over tcp
    std::chrono::steady_clock::time_point opened_at;

    explicit Impl(const std::string& index_path) : path(index_path) { open(); }
    explicit Impl(const ShardSet& set) {
        cluster.emplace(set);  // checks the set
        path = cluster->description();
        for (int attempt = 1;; ++attempt) {
            try {
                open();
                return;
            } catch (const Xapian::NetworkError& e) {  // as with_retries: reconnect once
                const std::string silent = avoid_silent_shards();
                if (attempt == kMaxNetworkAttempts)
                    throw ShardUnavailableError(stopped_answering(silent, e) + " while opening");
            } catch (const Xapian::Error& e) {
                util::rethrow_xapian(e, "opening " + path);
            }
        }
    }

    void open() {
        if (cluster) {
            open_shard_set();
        } else {
            open_directory();
        }
        entity_names.reset();
        topic_tagger.reset();
        gazetteer = Gazetteer::from_text(manifest.gazetteer_text, "index " + path);
        entity_names.emplace(*gazetteer);
        analyzer(manifest.default_language);
        synonym_table = query::SynonymTable(synonyms, analyzer(manifest.default_language));
        for (const auto& language : manifest.languages) analyzer(language);
        forget_tables();
    }

    // A shard that opens but cannot be searched (no Parley manifest, another schema
    // version or analyzer, a manifest that cannot be read) is set aside as missing, with
    // its reason, like one that does not open: allow_partial answers without it, and
    // otherwise ShardUnavailableError names it and why. Returns the manifests of the
    // databases kept, in their order, without their gazetteer text: read from a remote
    // shard, that text alone (some 400 KB) would outweigh everything else a search reads.
    // A replica that connected and then fails to answer (a NetworkError) is named in
    // `silent` with its address and why, and set aside too: the caller reconnects it.
    static std::vector<schema::Manifest> set_aside_unreadable(
        search::ShardConnector::Opened& opened,
        std::vector<std::pair<std::string, std::string>>& silent) {
        std::vector<std::pair<std::string, std::string>> unreadable;  // name, why
        std::vector<schema::Manifest> read(opened.shards.size());
        for (std::size_t i = 0; i < opened.shards.size(); ++i) {
            const std::string& name = opened.live[i];
            if (!unreadable.empty() && unreadable.back().first == name) continue;
            try {
                auto summary = schema::Manifest::read_summary(opened.shards[i]);
                if (!summary) {
                    unreadable.emplace_back(name,
                                            "a Xapian database, but not a Parley index "
                                            "(no manifest)");
                    continue;
                }
                summary->check_readable("shard " + name);
                read[i] = std::move(*summary);
            } catch (const Xapian::NetworkError& e) {
                const std::string why = opened.addresses[i] +
                                        ": no answer while its manifest was read (" + e.get_type() +
                                        ": " + e.get_msg() + ")";
                silent.emplace_back(name, why);
                unreadable.emplace_back(name, why);
            } catch (const Xapian::Error& e) {
                unreadable.emplace_back(name, std::string("its manifest cannot be read (") +
                                                  e.get_type() + ": " + e.get_msg() + ")");
            } catch (const IndexMismatchError& e) {
                unreadable.emplace_back(name, e.what());
            }
        }
        std::vector<schema::Manifest> kept;
        for (std::size_t i = 0; i < opened.shards.size(); ++i) {
            const auto set_aside = [&](const auto& u) { return u.first == opened.live[i]; };
            if (std::none_of(unreadable.begin(), unreadable.end(), set_aside))
                kept.push_back(std::move(read[i]));
        }
        for (const auto& [name, why] : unreadable)
            search::ShardConnector::set_aside(opened, name, why);
        return kept;
    }

    // Connects every shard it can; the manifest is the first live shard's (each shard of a
    // Parley index carries the same one), with every language any shard holds: indexes built
    // apart can be shards, and a query is analysed for all their languages. Shards tagged
    // with different gazetteers are searched, with a note on every search: actor filters
    // follow the first shard's gazetteer, and its facets count every shard's tags.
    void open_shard_set() {
        search::ShardConnector::Opened opened;
        std::vector<schema::Manifest> manifests;
        // A replica that accepts and then does not answer is passed over as one that
        // refuses: the set is connected again, each silent shard on its next replica.
        std::size_t replicas = 1;
        for (const auto& shard : cluster->set().shards)
            replicas = std::max(replicas, shard.replicas.size());
        for (std::size_t round = 1;; ++round) {
            opened = cluster->open();
            std::vector<std::pair<std::string, std::string>> silent;
            manifests = set_aside_unreadable(opened, silent);
            if (silent.empty() || round >= replicas) break;
            for (const auto& [name, why] : silent) cluster->avoid(name);
        }
        opened_at = std::chrono::steady_clock::now();
        missing_shards = std::move(opened.missing);
        missing_why = std::move(opened.missing_why);
        missing_reasons = std::move(opened.missing_reasons);
        if (opened.shards.empty()) throw ShardUnavailableError(unavailable_message());
        manifest = manifests.front();
        shard_stamps.clear();
        for (const auto& m : manifests) shard_stamps.push_back(stamp_of(m));
        shard_notes.clear();
        for (std::size_t i = 1; i < opened.shards.size(); ++i) {
            const schema::Manifest& other = manifests[i];
            for (const auto& language : other.languages) {
                if (std::find(manifest.languages.begin(), manifest.languages.end(), language) ==
                    manifest.languages.end())
                    manifest.languages.push_back(language);
            }
            if (other.gazetteer_fingerprint != manifest.gazetteer_fingerprint) {
                shard_notes.push_back(
                    "shard " + opened.live[i] + " was tagged with gazetteer " +
                    other.gazetteer_fingerprint + " (" + other.gazetteer_origin + "), shard " +
                    opened.live.front() + " with " + manifest.gazetteer_fingerprint + " (" +
                    manifest.gazetteer_origin +
                    "): actor filters follow the latter; re-tag the shards with one gazetteer");
            }
        }
        db = opened.combined;
        shards = std::move(opened.shards);
        shard_names = std::move(opened.live);
        shard_addresses = std::move(opened.addresses);
        remote_shards = std::move(opened.remote);
        manifest.gazetteer_text = schema::Manifest::read_gazetteer_text(shards.front());
        shard_stubs.clear();
        for (const auto& local : opened.local_paths)
            shard_stubs.emplace_back(local, stub_version(local));
    }

    // Whether the index's shard list changed since it was opened: its stub, or for a shard
    // set the stub of any index directory among its shards.
    bool shard_list_changed() const {
        if (!cluster) return stub_version(path) != opened_stub;
        return std::any_of(shard_stubs.begin(), shard_stubs.end(),
                           [](const auto& s) { return stub_version(s.first) != s.second; });
    }

    // After a NetworkError, which does not say which shard failed: asks each shard of the
    // set for a round trip, and makes the next connection try the ones that do not answer
    // on their next replica. Names them: "y2024 (tcp://db1:7024)".
    std::string avoid_silent_shards() {
        std::string silent, last;
        for (std::size_t i = 0; cluster && i < shards.size(); ++i) {
            if (shard_names[i] == last) continue;  // a database of a shard already named
            try {
                shards[i].reopen();
            } catch (const Xapian::Error&) {
                last = shard_names[i];
                silent += (silent.empty() ? "" : ", ") + last + " (" + shard_addresses[i] + ")";
                cluster->avoid(last);
            }
        }
        return silent;
    }

    std::string stopped_answering(const std::string& silent, const Xapian::Error& e) const {
        const std::string what = e.get_type() + std::string(": ") + e.get_msg();
        if (silent.empty())
            return path + ": a shard stopped answering, and each answered when asked again (" +
                   what + ")";
        return path + ": shard " + silent + " stopped answering: " + what;
    }

    // Xapian's remote backend serves no spelling list: what that costs, said on the answers
    // that read it (empty when no shard is remote).
    std::string remote_names() const {
        std::string names;
        for (const auto& name : remote_shards) names += (names.empty() ? "" : ", ") + name;
        return (remote_shards.size() > 1 ? "shards " : "shard ") + names;
    }
    std::string spelling_lists() const {
        return remote_shards.size() > 1 ? "their spelling lists" : "its spelling list";
    }
    std::string wildcard_spelling_note() const {
        if (remote_shards.empty()) return {};
        return "wildcards may miss words of " + remote_names() + ": served over tcp, without " +
               spelling_lists() +
               " (Xapian's remote backend serves none), a wildcard there finds the words whose "
               "stem starts with its prefix, not those indexed under a shorter stem (economic, "
               "stem "
               "econom, for economi*)";
    }
    std::string suggestion_spelling_note() const {
        if (remote_shards.empty()) return {};
        return "spelling suggestions leave out the words of " + remote_names() +
               ": served over tcp, without " + spelling_lists() +
               " (Xapian's remote backend serves none)";
    }

    std::string unavailable_message() const {
        std::string names;
        for (const auto& name : missing_shards) names += (names.empty() ? "" : ", ") + name;
        return path + ": shard" + (missing_shards.size() > 1 ? "s " : " ") + names +
               " unavailable: " + missing_reasons;
    }

    void open_directory() {
        opened_stub = stub_version(path);
        manifest = schema::open_index(path, db);
        // A sharded index is opened shard by shard and combined, so that the records in
        // each shard's metadata can be read (a combined database reads only the first's).
        shards.clear();
        if (auto layout = storage::IndexLayout::load(path); layout && layout->shards().size() > 1) {
            Xapian::Database combined;
            for (const auto& shard : layout->shards()) {
                shards.emplace_back(layout->path_of(shard));
                combined.add_database(shards.back());
            }
            db = combined;
        }
    }

    // The in-memory tables describe one version of the index: its path and the revision
    // of each shard. Xapian's remote backend tells no revision: the counts of a remote
    // shard show a commit that adds or deletes paragraphs, and its tagging stamp a re-tag,
    // which rewrites paragraphs in place (new actors, the same counts).
    void forget_tables() {
        std::string version = path;
        auto add = [&](const Xapian::Database& d, bool remote) {
            version += '|' + d.get_uuid() + ':';
            if (remote) {
                version += std::to_string(d.get_doccount()) + ':' +
                           std::to_string(d.get_lastdocid()) + ':' +
                           std::to_string(d.get_total_length()) + ':' +
                           schema::Manifest::tagging_stamp(d);
            } else {
                version += std::to_string(d.get_revision());
            }
        };
        if (shards.empty()) {
            add(db, false);
        } else {
            for (std::size_t i = 0; i < shards.size(); ++i)
                add(shards[i],
                    i < shard_names.size() && std::find(remote_shards.begin(), remote_shards.end(),
                                                        shard_names[i]) != remote_shards.end());
        }
        query_table.reset();
        article_records.clear();
        tables = search::IndexTables::of_version(version);
    }

    // Brings the searcher up to the index's last commit: a new shard list (compaction, a
    // new year shard, a bulk build) means opening afresh; new commits only a reopen().
    // A shard set watches the stubs of its local index directories; it is also opened
    // afresh after a failure, and while shards are missing, to find them back.
    void refresh(bool force, bool allow_partial) {
        const bool reconnect =
            cluster && !missing_shards.empty() &&
            (!allow_partial || std::chrono::steady_clock::now() - opened_at > kMissingShardRetry);
        if (force || reconnect || shard_list_changed()) {
            open();
            ++catch_ups;
            return;
        }
        if (db.reopen()) {
            ++catch_ups;
            forget_tables();
            if (manifest_changed()) open();  // new languages to expand queries into, or re-tagged
        }
    }

    // What a searcher builds from a shard's manifest: its gazetteer and languages.
    static std::string stamp_of(const std::optional<schema::Manifest>& m) {
        if (!m) return {};
        std::string stamp = m->gazetteer_fingerprint;
        for (const auto& language : m->languages) stamp += ',' + language;
        return stamp;
    }

    // Whether a commit changed what the searcher was built from: of a shard set, the
    // manifest of any shard (each may add languages or be re-tagged on its own).
    bool manifest_changed() const {
        if (cluster) {
            for (std::size_t i = 0; i < shards.size(); ++i) {
                if (stamp_of(schema::Manifest::read_summary(shards[i])) != shard_stamps[i])
                    return true;
            }
            return false;
        }
        const auto latest = schema::Manifest::read_summary(db);
        return latest && (latest->languages != manifest.languages ||
                          latest->gazetteer_fingerprint != manifest.gazetteer_fingerprint);
    }

    template <class F>
    auto with_retries(F&& body, bool allow_partial = false) {
        allow_partial = allow_partial || (cluster && cluster->set().allow_partial);
        int network_attempts = 0, corrupt_attempts = 0;
        for (int attempt = 1;; ++attempt) {
            try {
                refresh(attempt > 1, allow_partial);
                if (!missing_shards.empty() && !allow_partial)
                    throw ShardUnavailableError(unavailable_message());
                return body();
            } catch (const Xapian::NetworkError& e) {  // a shard server died or went silent
                const std::string silent = avoid_silent_shards();
                if (++network_attempts == kMaxNetworkAttempts || attempt == kMaxAttempts)
                    throw ShardUnavailableError(stopped_answering(silent, e));
            } catch (const Xapian::DatabaseModifiedError&) {
                // Xapian keeps the revision before the newest readable: a read longer than
                // two commits of a busy writer cannot finish, however often it is retried.
                if (attempt == kMaxAttempts) {
                    throw IndexIoError("searching index " + path + ": the index changed " +
                                       std::to_string(kMaxAttempts) +
                                       " times in a row while it was read (a writer commits "
                                       "faster than this search can finish); try again, or "
                                       "let the writer commit less often (parley-index "
                                       "--batch)");
                }
                std::this_thread::sleep_for(retry_wait(attempt + 1));
            } catch (const Xapian::DatabaseCorruptError& e) {
                if (++corrupt_attempts == kMaxCorruptAttempts || attempt == kMaxAttempts)
                    util::rethrow_xapian(e, "searching index " + path);
                std::this_thread::sleep_for(retry_wait(attempt + 1));
            } catch (const Xapian::DatabaseOpeningError& e) {  // also DatabaseNotFoundError
                if (attempt == kMaxAttempts) util::rethrow_xapian(e, "searching index " + path);
                std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt));
            } catch (const Xapian::Error& e) {
                util::rethrow_xapian(e, "searching index " + path);
            } catch (const schema::RecordError& e) {
                // The record names its article; the index is named here.
                throw IndexIoError("index " + path + ": " + e.what());
            }
        }
    }

    std::optional<ArticleView> article(const std::string& id);
    Suggestions suggest(const std::string& text, std::size_t limit);
    /// `text` with each word the index lacks replaced by its closest indexed spelling;
    /// empty if none is. `keep_last`: leave the last word alone (it is still being typed).
    /// `looked_up`, if given, is set when a word was looked up in the spelling list.
    std::string corrected(const std::string& text, bool keep_last, bool* looked_up = nullptr);
    bool held(const Token& token);
    std::vector<FacetValue> facet_values(const std::string& facet, const std::string& prefix,
                                         std::size_t limit);

    Analyzer& analyzer(std::string language) {
        if (language.empty()) language = manifest.default_language;
        auto& slot = analyzers[language];
        if (!slot) slot = std::make_unique<Analyzer>(language);
        return *slot;
    }

    // The whole-index facet table once it exists; before that, a query matching a small
    // part of the index reads just its matches' records (a one-shot parley-search
    // on a large index should not load every paragraph's facets to count a few hundred).
    const facets::FacetTable& table_for(std::span<const Xapian::docid> matches) {
        if (const facets::FacetTable* whole = tables->facets_if_built()) return *whole;
        if (matches.size() * kSmallMatchShare < db.get_doccount()) {
            query_table = facets::FacetTable::from_values(
                db, matches, tables->docs(match::DocTable::kArticles, db));
            return *query_table;
        }
        return tables->facets(db);
    }

    std::vector<Analyzer*> other_analyzers() {
        std::vector<Analyzer*> others;
        for (const auto& language : manifest.languages) {
            if (language != manifest.default_language) others.push_back(&analyzer(language));
        }
        return others;
    }

    match::MatchContext match_context(const match::DocTable& docs,
                                      const rank::CoordinateWeight& weight) {
        match::MatchContext context{db, docs, weight,
                                    [this](Xapian::docid d, const std::vector<std::string>& w) {
                                        return phrase_in_text(d, w);
                                    },
                                    &tables->postings()};
        context.phrase_in_title = [this](Xapian::docid d, const std::vector<std::string>& w) {
            return phrase_in_title(d, w);
        };
        context.terms_in_text = [this](Xapian::docid d) { return terms_in_text(d); };
        return context;
    }
    bool phrase_in_text(Xapian::docid doc, const std::vector<std::string>& words);
    bool phrase_in_title(Xapian::docid first, const std::vector<std::string>& words);
    std::vector<std::string> terms_in_text(Xapian::docid doc);
    std::pair<schema::ParagraphRecord, const schema::ArticleRecord*> records_of(Xapian::docid doc);

    // How many of a plan's query words and phrases each of `wanted` holds: the paragraphs are
    // scored again with the words-first weight, whose bonus counts them (a cursor seeking the
    // documents, not a second pass over the matches). Paragraphs the plan misses are left out.
    std::map<Xapian::docid, unsigned> matched_parts(const match::Plan& plan,
                                                    const match::DocTable& docs,
                                                    std::vector<Xapian::docid> wanted) {
        const rank::CoordinateWeight counting(rank::CoordinateWeight::kBonus,
                                              static_cast<double>(db.get_doccount()),
                                              db.get_avlength());
        match::MatchContext context = match_context(docs, counting);
        const std::unique_ptr<match::Cursor> cursor = match::make_cursor(plan, context);
        std::sort(wanted.begin(), wanted.end());
        wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
        std::map<Xapian::docid, unsigned> out;
        for (const Xapian::docid doc : wanted) {
            cursor->seek(doc);
            if (cursor->doc() == doc)
                out[doc] = rank::CoordinateWeight::matched_words(cursor->score());
        }
        return out;
    }

    SearchResult search(const SearchRequest& request);

    // Paragraphs that `query` finds with the filters and selections of `request`.
    bool checking_correction = false;  // in correction_finds(): no correction of a correction
    std::size_t correction_finds(const SearchRequest& request, const std::string& query) {
        SearchRequest check = request;
        check.query = query;
        check.offset = 0;
        check.limit = 0;
        check.facets.clear();
        check.snippets = false;
        check.feedback = false;
        checking_correction = true;
        struct Reset {
            bool& flag;
            ~Reset() { flag = false; }
        } reset{checking_correction};
        return search(check).total_paragraphs;
    }

    // The query's words, synonyms and entity names, as the request asks.
    query::QueryBuilder builder_for(const SearchRequest& request, bool count_repeats_once) {
        query::QueryBuilder builder(db, *gazetteer, analyzer(manifest.default_language),
                                    other_analyzers(), count_repeats_once);
        if (!synonym_table.empty()) builder.use_synonyms(&synonym_table);
        if (request.entities) builder.use_entities(&*entity_names);
        builder.note_missing_spellings(wildcard_spelling_note());
        return builder;
    }
};

SearchResult Searcher::Impl::search(const SearchRequest& request) {
    const std::vector<int> facet_ids = checked_facets(request);

    // 1. The request as one parsed query.
    query::QueryParser parser(analyzer(manifest.default_language));
    search::RequestQuery parsed = search::parse_request_query(request, parser);
    SearchResult result;
    result.query = request.query;
    result.offset = request.offset;
    result.parsed = query::describe(parsed.root);
    result.notes = std::move(parsed.notes);

    // 2. The match plan. The default ranks by BM25 over paragraph text and title (BM25F,
    // rank::CoordinateWeight); words-first is a choice: on the shared test collections it
    // lost to BM25 even on short queries (scripts/eval measures both).
    const bool words_first = request.ranking == Ranking::WordsFirst;
    const double bonus = words_first ? rank::CoordinateWeight::kBonus : 0.0;
    query::QueryBuilder builder = builder_for(request, words_first);
    const match::Plan plan = builder.build(parsed.root, result.notes);
    refuse_if_strict(request, parsed, builder);
    // Only the selections applied: a page ticks what `selections` lists.
    for (const auto& written : request.selections) {
        const std::string selection = search::plain_selection(written);
        if (!builder.ignored_field_texts().count(selection)) result.selections.push_back(selection);
    }
    const bool ranked = builder.ranked();
    result.ranking = words_first ? Ranking::WordsFirst : Ranking::Bm25;
    result.sort = !ranked && request.sort == SortOrder::Relevance
                      ? SortOrder::DateNewest  // nothing to rank by
                      : request.sort;
    const match::Order order = result.sort == SortOrder::Relevance    ? match::Order::Relevance
                               : result.sort == SortOrder::DateNewest ? match::Order::DateNewest
                                                                      : match::Order::DateOldest;

    // 3. Every match, exactly, and the best of them. A long query weighs its rarer words
    // more (rank::CoordinateWeight::kLongQueryWords).
    const std::size_t query_words = query::count_ranked_parts(parsed.root);
    const double idf_power = rank::CoordinateWeight::idf_power_for(query_words);
    if (ranked && idf_power != 1.0)
        result.notes.push_back("long query: " + std::to_string(query_words) +
                               " words, so rarer words weigh more (idf squared)");
    const rank::CoordinateWeight weight(bonus, static_cast<double>(db.get_doccount()),
                                        db.get_avlength(), 1.2, 0.75, idf_power);
    unsigned parts = match::DocTable::kArticles | tables_for_plan(plan);
    if (ranked) parts |= match::DocTable::kLengths;
    if (order != match::Order::Relevance) parts |= match::DocTable::kDates;
    const match::DocTable& docs = tables->docs(parts, db);
    match::MatchContext context = match_context(docs, weight);
    search::PageRequest page_request;
    page_request.offset = request.offset;
    page_request.limit = request.limit;
    page_request.group_by_article = request.group_by == GroupBy::Article;
    if (request.collapse_duplicates) page_request.copies = &tables->copies(db);
    // Pseudo-relevance feedback: a first ranking's best paragraphs lend the query words.
    // On by default, so its words are said in a field of their own, not a note on every
    // query.
    match::PhraseMemo phrase_memo;
    const match::Plan ranking_plan =
        request.feedback && ranked && order == match::Order::Relevance
            ? with_feedback(plan, db, context, phrase_memo, result.feedback_stems)
            : plan;
    const match::MatchResult matches = match::run(
        ranking_plan, search::match_request_for(page_request, ranked, order, !facet_ids.empty()),
        context);
    result.total_paragraphs = matches.total;
    // A query that finds (almost) nothing may be misspelt: say what the index holds.
    if (matches.total <= SearchResult::kFewHits && !request.query.empty() && !checking_correction) {
        bool looked_up = false;
        result.did_you_mean = corrected(request.query, false, &looked_up);
        // Only a correction that finds more, with the request's filters, as a search page
        // would run it (Elasticsearch's suggesters call this collating).
        if (!result.did_you_mean.empty() &&
            correction_finds(request, result.did_you_mean) <= matches.total)
            result.did_you_mean.clear();
        if (!result.did_you_mean.empty())
            result.notes.push_back("did you mean: " + result.did_you_mean + "?");
        if (const std::string note = suggestion_spelling_note(); looked_up && !note.empty())
            result.notes.push_back(note);
    }

    // 4. The page: grouped by article, copies folded, offset and limit.
    const match::Ranking ranking(docs, order);
    const search::Page page = search::make_page(matches, page_request, ranking, docs);
    result.total = page.total;
    result.total_articles = page.total_articles;
    result.duplicates_hidden = page.duplicates_hidden;

    // Under BM25 a hit still says how many of the query's words and phrases it holds.
    std::map<Xapian::docid, unsigned> parts_held;
    if (ranked && !words_first && !page.entries.empty()) {
        std::vector<Xapian::docid> wanted;
        for (const auto& entry : page.entries) wanted.push_back(entry.match.doc);
        // Counted as words-first counts them: a word typed twice is one word matched. Only
        // a query that repeats a word needs a plan of its own (wildcards expand again).
        std::vector<std::string> said_already;
        const match::Plan once = repeats_a_word(parsed.root)
                                     ? builder_for(request, true).build(parsed.root, said_already)
                                     : plan;
        parts_held = matched_parts(once, docs, std::move(wanted));  // the same tables as `plan`
    }

    // 5. The hits, read from the index.
    search::HitReader reader(
        db, shards, *gazetteer, highlighter,
        [this](const std::string& l) -> Analyzer& { return analyzer(l); }, article_records,
        topic_tagger);
    for (std::size_t i = 0; i < page.entries.size(); ++i) {
        const search::PageEntry& entry = page.entries[i];
        Hit hit = reader.read(entry.match.doc, entry.match.score, ranked, bonus, request.snippets,
                              request.snippet_length, builder.highlights());
        hit.rank = request.offset + i + 1;
        if (const auto found = parts_held.find(entry.match.doc); found != parts_held.end())
            hit.matched_terms = found->second;
        // Only paragraphs the duplicate index lists have copies to name: the others cost
        // no lookup.
        if (request.collapse_duplicates && page_request.copies->group_of(entry.match.doc)) {
            hit.republished = reader.republications(
                db.get_document(entry.match.doc, Xapian::DOC_ASSUME_VALID), hit.article_id);
        }
        if (page_request.group_by_article) hit.matched_paragraphs = entry.matched_paragraphs;
        result.hits.push_back(std::move(hit));
    }

    // 6. Facets over the whole match set; a selected facet without its own selection.
    if (!facet_ids.empty()) {
        result.facets = facets::count_facets(table_for(matches.docs), matches.docs, facet_ids,
                                             request.facet_limit, request.facet_article_counts);
        std::vector<int> selected;
        for (const auto& [facet, node] : parsed.selected) selected.push_back(facet);
        facets::recount_selected(
            result.facets, selected, request.facet_limit, request.facet_article_counts,
            [&](int facet) {
                query::QueryBuilder others = builder_for(request, false);
                std::vector<std::string> ignored_notes;
                match::MatchRequest all;
                all.keep = 0;
                all.collect = true;
                all.count_articles = false;
                all.ranked = false;
                const match::Plan wider =
                    others.build(parsed.with_selections(facet), ignored_notes);
                match::MatchContext wider_context =
                    match_context(tables->docs(parts | tables_for_plan(wider), db), weight);
                return match::run(wider, all, wider_context).docs;
            },
            [&](std::span<const Xapian::docid> wider) -> const facets::FacetTable& {
                return table_for(wider);
            });
    }
    return result;
}

namespace {

// Whether `text`, analysed, holds `words` (stems) one after another. Compounds are left
// out: a phrase's words are the parts of a hyphenated word, as the token stream has them.
bool analysed_holds(Analyzer& analyzer, const std::string& text,
                    const std::vector<std::string>& words) {
    std::vector<Token> tokens;
    analyzer.analyze(text, tokens);
    std::erase_if(tokens, [](const Token& t) { return t.kind == Token::Kind::Compound; });
    for (std::size_t i = 0; i + words.size() <= tokens.size(); ++i) {
        std::size_t j = 0;
        while (j < words.size() && tokens[i + j].term == words[j]) ++j;
        if (j == words.size()) return true;
    }
    return false;
}

}  // namespace

// A paragraph's record and its article's.
std::pair<schema::ParagraphRecord, const schema::ArticleRecord*> Searcher::Impl::records_of(
    Xapian::docid doc) {
    auto record = schema::ParagraphRecord::decode(db.get_document(doc).get_data());
    search::HitReader reader(
        db, shards, *gazetteer, highlighter,
        [this](const std::string& l) -> Analyzer& { return analyzer(l); }, article_records,
        topic_tagger);
    const schema::ArticleRecord* article = &reader.article(record.article_id, doc);
    return {std::move(record), article};
}

// The rare paragraph whose token stream cannot confirm a phrase: re-analyse its text.
bool Searcher::Impl::phrase_in_text(Xapian::docid doc, const std::vector<std::string>& words) {
    const auto [record, article] = records_of(doc);
    return analysed_holds(analyzer(article->language), record.text, words);
}

// The rare paragraph whose token stream cannot place a proximity query's words: its words
// as the indexer wrote them into its stream (compounds left out, their parts kept).
std::vector<std::string> Searcher::Impl::terms_in_text(Xapian::docid doc) {
    const auto [record, article] = records_of(doc);
    std::vector<Token> tokens;
    analyzer(article->language).analyze(record.text, tokens);
    std::vector<std::string> out;
    for (const Token& t : tokens) {
        if (t.kind == Token::Kind::Word) out.push_back(t.term);
    }
    return out;
}

// An article written before titles had token streams: its title is analysed again, as at
// indexing, when it holds every word of the phrase.
bool Searcher::Impl::phrase_in_title(Xapian::docid first, const std::vector<std::string>& words) {
    const auto [record, article] = records_of(first);
    return analysed_holds(analyzer(article->language), article->title, words);
}

Searcher::Searcher(const std::string& index_path) : impl_(std::make_unique<Impl>(index_path)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

Searcher::Searcher(const ShardSet& shards) : impl_(std::make_unique<Impl>(shards)) {}

Searcher::Impl& Searcher::live() const {
    if (!impl_) throw UsageError("this Searcher was moved from: assign another to it first");
    return *impl_;
}

SearchResult Searcher::search(const SearchRequest& request) {
    Impl& impl = live();
    SearchResult result =
        impl.with_retries([&] { return impl.search(request); }, request.allow_partial);
    result.partial = !impl.missing_shards.empty();
    result.missing_shards = impl.missing_shards;
    result.missing_shard_reasons = impl.missing_why;
    result.notes.insert(result.notes.begin(), impl.shard_notes.begin(), impl.shard_notes.end());
    if (result.partial)
        result.notes.insert(result.notes.begin(),
                            search::partial_note(impl.missing_shards, impl.missing_why));
    return result;
}

std::optional<ArticleView> Searcher::article(const std::string& id) {
    Impl& impl = live();
    return impl.with_retries([&] { return impl.article(id); });
}

Suggestions Searcher::suggest(const std::string& text, std::size_t limit) {
    Impl& impl = live();
    Suggestions out = impl.with_retries([&] { return impl.suggest(text, limit); });
    out.missing_shards = impl.missing_shards;
    out.missing_shard_reasons = impl.missing_why;
    out.partial = !out.missing_shards.empty();
    return out;
}

std::vector<FacetValue> Searcher::facet_values(const std::string& facet, const std::string& prefix,
                                               std::size_t limit) {
    Impl& impl = live();
    return impl.with_retries([&] { return impl.facet_values(facet, prefix, limit); });
}

std::vector<std::string> Searcher::set_synonyms(Synonyms synonyms) {
    Impl& impl = live();
    impl.synonyms = std::move(synonyms);
    impl.synonym_table =
        query::SynonymTable(impl.synonyms, impl.analyzer(impl.manifest.default_language));
    return impl.synonym_table.problems();
}

std::size_t Searcher::paragraph_count() {
    Impl& impl = live();
    return impl.with_retries([&] { return std::size_t{impl.db.get_doccount()}; });
}

std::uint64_t Searcher::catch_up_count() const { return impl_ ? impl_->catch_ups : 0; }

std::vector<std::string> Searcher::missing_shards() const {
    return impl_ ? impl_->missing_shards : std::vector<std::string>{};
}

std::vector<std::string> Searcher::missing_shard_reasons() const {
    return impl_ ? impl_->missing_why : std::vector<std::string>{};
}

std::optional<ArticleView> Searcher::Impl::article(const std::string& id) {
    const std::string term = schema::article_keys_in(db, id).term;
    search::HitReader reader(
        db, shards, *gazetteer, highlighter,
        [this](const std::string& l) -> Analyzer& { return analyzer(l); }, article_records,
        topic_tagger);
    std::optional<ArticleView> out;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        const Xapian::Document doc = db.get_document(*p);
        schema::ParagraphRecord record = schema::ParagraphRecord::decode(doc.get_data());
        if (record.article_id != id) continue;  // a long id cut to the term limit
        if (!out) {
            const schema::ArticleRecord& a = reader.article(id, *p);
            out.emplace();
            out->article_id = a.article_id;
            out->title = a.title;
            out->authors = a.authors;
            out->date = a.date;
            out->source = a.source;
            out->url = a.url;
            out->language = a.language;
            out->republished = reader.republications(doc, id);
        }
        ArticleParagraph paragraph;
        paragraph.number = record.paragraph;
        paragraph.text = std::move(record.text);
        paragraph.actor_info = search::actor_info(*gazetteer, record.actors);
        paragraph.actors = std::move(record.actors);
        paragraph.topics = std::move(record.topics);
        paragraph.mentioned_topics = std::move(record.mentioned_topics);
        paragraph.topic_evidence = std::move(record.topic_evidence);
        out->paragraphs.push_back(std::move(paragraph));
    }
    if (out) {
        std::sort(out->paragraphs.begin(), out->paragraphs.end(),
                  [](const auto& a, const auto& b) { return a.number < b.number; });
    }
    return out;
}

// Completions of the last part of a hyphenated word looked up in the index, at most.
constexpr std::size_t kMaxHyphenChecks = 2000;

Suggestions Searcher::Impl::suggest(const std::string& text, std::size_t limit) {
    Suggestions out;
    Analyzer& a = analyzer(manifest.default_language);
    std::vector<Token> tokens;
    // Completion: the last word as typed, folded like the index's words.
    const auto cut = text.find_last_of(" \t\"(+-");
    const std::string head = cut == std::string::npos ? "" : text.substr(0, cut + 1);
    const std::string last = cut == std::string::npos ? text : text.substr(cut + 1);
    a.analyze(last, tokens);
    bool looked_up = false;  // in the spelling list
    if (tokens.size() == 1 && last.find(':') == std::string::npos) {
        looked_up = true;
        const std::string& prefix = tokens.front().norm;
        std::vector<std::pair<Xapian::doccount, std::string>> words;
        auto it = db.spellings_begin();
        std::size_t scanned = 0;
        for (it.skip_to(prefix); it != db.spellings_end() && scanned < 20000; ++it, ++scanned) {
            const std::string word = *it;
            if (word.compare(0, prefix.size(), prefix) != 0) break;
            if (word != prefix) words.emplace_back(it.get_termfreq(), word);
        }
        std::sort(words.begin(), words.end(), [](const auto& x, const auto& y) {
            return x.first != y.first ? x.first > y.first : x.second < y.second;
        });
        // A hyphen inside a word joins its parts ("China-R"): the spelling list holds the
        // parts, so a completion is one only if the index holds the whole hyphenated word
        // ("China-Russia", not "China-Rather"). A '-' opening a word excludes it ("-sanc").
        std::string joined;  // "China-" of "China-R"
        if (cut != std::string::npos && text[cut] == '-' && cut > 0 &&
            std::string_view(" \t\"(+-").find(text[cut - 1]) == std::string_view::npos) {
            const auto before = text.find_last_of(" \t\"(+", cut - 1);
            joined = text.substr(before == std::string::npos ? 0 : before + 1);
            joined.resize(joined.size() - last.size());
            joined.erase(0, joined.find_first_not_of('-'));
        }
        std::size_t checked = 0;
        for (std::size_t i = 0; i < words.size() && out.completions.size() < limit; ++i) {
            if (!joined.empty()) {
                if (++checked > kMaxHyphenChecks) break;
                const auto parts = a.analyze(joined + words[i].second);
                const auto whole = std::find_if(parts.begin(), parts.end(), [](const Token& t) {
                    return t.kind == Token::Kind::Compound;
                });
                if (whole == parts.end() || !held(*whole)) continue;
            }
            out.completions.push_back(head + in_case_of(last, words[i].second));
        }
    }
    // Correction: not the last word while it is still being typed (it completes to something).
    out.did_you_mean = corrected(text, !out.completions.empty(), &looked_up);
    // A correction whose every word is complete must find something, as a search's must.
    if (!out.did_you_mean.empty() && out.completions.empty()) {
        SearchRequest check;
        check.strict = false;
        if (correction_finds(check, out.did_you_mean) == 0) out.did_you_mean.clear();
    }
    if (const std::string note = suggestion_spelling_note(); looked_up && !note.empty())
        out.notes.push_back(note);
    return out;
}

// Whether the index holds a word, stemmed as any of its languages stems it (a search does
// look in each): "Россия" is held by a Russian article, whatever the default language.
bool Searcher::Impl::held(const Token& token) {
    if (db.term_exists(schema::term(schema::kWordPrefix, token.term))) return true;
    for (const std::string& language : manifest.languages) {
        if (language == manifest.default_language) continue;
        const std::string stem = analyzer(language).stem(token.norm);
        if (!stem.empty() && db.term_exists(schema::term(schema::kWordPrefix, stem))) return true;
    }
    return false;
}

std::string Searcher::Impl::corrected(const std::string& text, bool keep_last, bool* looked_up) {
    Analyzer& a = analyzer(manifest.default_language);
    std::vector<Token> tokens;
    std::string out;
    bool changed = false;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto start = text.find_first_not_of(" \t", at);
        if (start == std::string::npos) break;
        out.append(text, at, start - at);
        auto end = text.find_first_of(" \t", start);
        if (end == std::string::npos) end = text.size();
        std::string word = text.substr(start, end - start);
        at = end;
        const bool typing = keep_last && end == text.size();
        // Not a field's value, a wildcard or an operator (NEAR/5 and ADJ/5 included).
        const std::string_view name = std::string_view(word).substr(0, word.find('/'));
        if (typing || word.find_first_of(":*") != std::string::npos || word == "AND" ||
            word == "OR" || word == "NOT" || name == "NEAR" || name == "ADJ") {
            out += word;
            continue;
        }
        // A proximity phrase's distance ("budgit"~5) is kept as typed.
        std::string slop;
        if (const auto tilde = word.rfind("\"~");
            tilde != std::string::npos &&
            word.find_first_not_of("0123456789", tilde + 2) == std::string::npos) {
            slop = word.substr(tilde + 1);
            word.resize(tilde + 1);
        }
        tokens.clear();
        a.analyze(word, tokens);
        // A hyphenated word the index holds whole is no typo, whatever its parts.
        const bool whole_held = std::any_of(tokens.begin(), tokens.end(), [&](const Token& t) {
            return t.kind == Token::Kind::Compound && held(t);
        });
        // Each word of it: one word, a word of a phrase ("naval drils"), a part of a
        // hyphenated word ("chinna-russia"), from the last so that offsets stay valid.
        for (auto t = tokens.rbegin(); !whole_held && t != tokens.rend(); ++t) {
            // Not for Chinese, Japanese or Korean words: one character off a two-character
            // word is another word, not a spelling of it ("制裁" is no typo of "机制").
            if (t->kind == Token::Kind::Compound || analysis::is_ideographic(t->norm) || held(*t))
                continue;
            // A word of the synonyms file is meant as written ("Kyiv, Kiev" where the index
            // holds only "Kiev"): its group finds what it stands for.
            if (synonym_table.holds_word(t->term)) continue;
            if (looked_up) *looked_up = true;
            const std::string suggestion = db.get_spelling_suggestion(t->norm);
            if (suggestion.empty()) continue;
            // What surrounds the word ("+", "-", quotes, parentheses) is kept.
            const std::size_t begin = t->begin, length = t->end - begin;
            word.replace(begin, length,
                         in_case_of(std::string_view(word).substr(begin, length), suggestion));
            changed = true;
        }
        out += word + slop;
    }
    return changed ? out : std::string();
}

std::vector<FacetValue> Searcher::Impl::facet_values(const std::string& facet,
                                                     const std::string& prefix, std::size_t limit) {
    const int id = facets::FacetTable::facet_id(facet);
    if (id < 0) {
        throw UsageError("unknown facet '" + facet + "' (use " + schema::facet_list() + ")");
    }
    const std::string wanted = fold_name(prefix);
    const schema::FacetSpec& spec = schema::kFacets[static_cast<std::size_t>(id)];
    const std::string term_prefix(spec.prefix);
    std::vector<FacetValue> out;
    for (auto t = db.allterms_begin(term_prefix); t != db.allterms_end(term_prefix); ++t) {
        const std::string value = (*t).substr(term_prefix.size());
        const std::string folded = fold_name(value);
        // A match at the start of any word: "jin" finds "Xi Jinping".
        bool match = wanted.empty();
        for (std::size_t at = 0; !match && at != std::string::npos;
             at = folded.find(' ', at), at = at == std::string::npos ? at : at + 1) {
            match = folded.compare(at, wanted.size(), wanted) == 0;
        }
        // Year, author and source stand on first paragraphs: count every paragraph.
        if (match)
            out.push_back({value,
                           !spec.per_paragraph
                               ? tables->docs(match::DocTable::kArticles, db).expanded_count(*t, db)
                               : t.get_termfreq(),
                           0});
    }
    std::sort(out.begin(), out.end(), [](const FacetValue& a, const FacetValue& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (limit && out.size() > limit) out.resize(limit);
    return out;
}

namespace views {

// The archive views' way into a Searcher: its index, tables and matcher at one version.
class SearcherViewContext final : public ViewContext {
  public:
    explicit SearcherViewContext(Searcher::Impl& impl)
        : impl_(impl),
          reader_(
              impl.db, impl.shards, *impl.gazetteer, impl.highlighter,
              [&impl](const std::string& l) -> Analyzer& { return impl.analyzer(l); },
              impl.article_records, impl.topic_tagger) {
        reader_.keep_text(true);
    }

    const Xapian::Database& db() override { return impl_.db; }
    const match::DocTable& docs(unsigned parts) override {
        return impl_.tables->docs(parts | match::DocTable::kArticles | match::DocTable::kDates,
                                  impl_.db);
    }
    const facets::FacetTable& facets() override { return impl_.tables->facets(impl_.db); }
    const ArchiveCounts& counts() override { return impl_.tables->archive_counts(impl_.db); }
    const Gazetteer& gazetteer() override { return *impl_.gazetteer; }

    match::Plan plan_of(const SearchRequest& request, std::vector<std::string>& notes) override {
        return plan_for(request, notes, false);
    }

    // plan_of(), built for words-first ranking when `words_first` (a repeated query word
    // counts once, as Searcher::search() builds it then).
    match::Plan plan_for(const SearchRequest& request, std::vector<std::string>& notes,
                         bool words_first) {
        SearchRequest checked = request;
        checked.offset = checked.limit = 0;
        checked.facets.clear();
        checked_facets(checked);  // lengths of the query, filters and selections
        query::QueryParser parser(impl_.analyzer(impl_.manifest.default_language));
        search::RequestQuery parsed = search::parse_request_query(request, parser);
        for (auto& note : parsed.notes) add_note(notes, std::move(note));
        query::QueryBuilder builder = impl_.builder_for(request, words_first);
        std::vector<std::string> built_notes;
        match::Plan plan = builder.build(parsed.root, built_notes);
        for (auto& note : built_notes) add_note(notes, std::move(note));
        refuse_if_strict(request, parsed, builder);
        ranked_ = builder.ranked();
        query_words_ = query::count_ranked_parts(parsed.root);
        highlights_ = builder.highlights();
        return plan;
    }

    std::vector<Xapian::docid> matches(const SearchRequest& request,
                                       std::vector<std::string>& notes) override {
        const match::Plan plan = plan_of(request, notes);
        match::MatchRequest all;
        all.keep = 0;
        all.collect = true;
        all.count_articles = false;
        all.ranked = false;
        return run(plan, all).docs;
    }

    std::vector<match::Scored> ordered_matches(const SearchRequest& request,
                                               bool& ranked) override {
        std::vector<std::string> notes;
        const bool words_first = request.ranking == Ranking::WordsFirst;
        const match::Plan plan = plan_for(request, notes, words_first);
        const bool by_relevance = request.sort == SortOrder::Relevance && ranked_;
        const match::Order order = by_relevance ? match::Order::Relevance
                                   : request.sort == SortOrder::DateOldest
                                       ? match::Order::DateOldest
                                       : match::Order::DateNewest;
        match::MatchRequest all;
        all.keep = 0;
        all.collect_scored = true;
        all.count_articles = false;
        all.ranked = ranked_;
        // Ranked as Searcher::search() ranks: long queries weigh rare words more, words-first
        // when the request asks for it, and feedback's words rerank unless it is turned off.
        const double idf_power = rank::CoordinateWeight::idf_power_for(query_words_);
        const double bonus = words_first ? rank::CoordinateWeight::kBonus : 0.0;
        std::vector<match::Scored> out;
        with_context(plan, all, idf_power, bonus, [&](match::MatchContext& context) {
            std::vector<std::string> stems;
            match::PhraseMemo phrase_memo;
            const match::Plan ranking =
                by_relevance && request.feedback
                    ? with_feedback(plan, impl_.db, context, phrase_memo, stems)
                    : plan;
            out = match::run(ranking, all, context).scored;
        });
        std::sort(out.begin(), out.end(), match::Ranking(docs(0), order));
        // By date the scores still order the hits of one date, and search() shows them: an
        // export of the same hits says the same (it said 0 for every hit).
        ranked = ranked_;
        return out;
    }

    std::map<Xapian::docid, unsigned> matched_parts(const match::Plan& plan,
                                                    std::vector<Xapian::docid> wanted) override {
        const match::DocTable& table = docs(tables_for_plan(plan) | match::DocTable::kLengths);
        return impl_.matched_parts(plan, table, std::move(wanted));
    }

    search::Page page_of(const match::Plan& plan, const SearchRequest& request,
                         std::size_t& matches_total) override {
        search::PageRequest page;
        page.offset = request.offset;
        page.limit = request.limit;
        if (request.collapse_duplicates) page.copies = &impl_.tables->copies(impl_.db);
        const match::MatchResult found =
            run(plan, search::match_request_for(page, true, match::Order::Relevance, false));
        matches_total = found.total;
        const match::DocTable& table = docs(0);
        return search::make_page(found, page, match::Ranking(table, match::Order::Relevance),
                                 table);
    }

    std::vector<Republication> republications(Xapian::docid doc,
                                              const std::string& article_id) override {
        return reader_.republications(impl_.db.get_document(doc, Xapian::DOC_ASSUME_VALID),
                                      article_id);
    }

    Hit hit(Xapian::docid doc, double score, bool ranked, const SearchRequest& request,
            bool snippets) override {
        if (snippets && highlighted_for_ != &request) {
            std::vector<std::string> notes;
            plan_of(request, notes);
            highlighted_for_ = &request;
        }
        // Under words-first a score holds the bonus of each matched word (ordered_matches()).
        const double bonus =
            ranked && request.ranking == Ranking::WordsFirst ? rank::CoordinateWeight::kBonus : 0.0;
        return reader_.read(doc, score, ranked, bonus, snippets, request.snippet_length,
                            highlights_);
    }

    std::map<std::string, std::string> surface_forms(const std::vector<Xapian::docid>& docs,
                                                     const std::set<std::string>& stems) override {
        std::map<std::string, std::map<std::string, std::size_t>> seen;  // stem -> form -> n
        std::vector<Token> tokens;
        for (const Xapian::docid doc : docs) {
            const auto record =
                schema::ParagraphRecord::decode(impl_.db.get_document(doc).get_data());
            const std::string language = reader_.article(record.article_id, doc).language;
            tokens.clear();
            impl_.analyzer(language).analyze(record.text, tokens);
            for (const Token& t : tokens) {
                if (stems.count(t.term)) ++seen[t.term][t.norm];
            }
        }
        std::map<std::string, std::string> out;
        for (const auto& [stem, forms] : seen) {
            const auto best =
                std::max_element(forms.begin(), forms.end(), [](const auto& a, const auto& b) {
                    return a.second != b.second ? a.second < b.second : a.first > b.first;
                });
            out[stem] = best->first;
        }
        return out;
    }

    Xapian::docid find_paragraph(const std::string& article_id, std::size_t number) override {
        const std::string term = schema::article_keys_in(impl_.db, article_id).term;
        for (auto p = impl_.db.postlist_begin(term); p != impl_.db.postlist_end(term); ++p) {
            const auto record =
                schema::ParagraphRecord::decode(impl_.db.get_document(*p).get_data());
            if (record.article_id == article_id && record.paragraph == number) return *p;
        }
        return 0;
    }

  private:
    static void add_note(std::vector<std::string>& notes, std::string note) {
        if (std::find(notes.begin(), notes.end(), note) == notes.end())
            notes.push_back(std::move(note));
    }

    match::MatchResult run(const match::Plan& plan, const match::MatchRequest& request) {
        match::MatchResult out;
        with_context(plan, request, 1.0, 0.0, [&](match::MatchContext& context) {
            out = match::run(plan, request, context);
        });
        return out;
    }

    // Calls `f` with a match context for `plan`, ranked by BM25 with idf to `idf_power`,
    // plus `bonus` for each matched word (words-first; 0: none).
    template <typename F>
    void with_context(const match::Plan& plan, const match::MatchRequest& request, double idf_power,
                      double bonus, F&& f) {
        unsigned parts = tables_for_plan(plan);
        if (request.ranked) parts |= match::DocTable::kLengths;
        const match::DocTable& table = docs(parts);
        const rank::CoordinateWeight weight(bonus, static_cast<double>(impl_.db.get_doccount()),
                                            impl_.db.get_avlength(), 1.2, 0.75, idf_power);
        match::MatchContext context = impl_.match_context(table, weight);
        f(context);
    }

    Searcher::Impl& impl_;
    search::HitReader reader_;
    bool ranked_ = false;
    std::size_t query_words_ = 0;  ///< ranked words and phrases of the last plan_of() query
    highlight::HighlightQuery highlights_;
    const SearchRequest* highlighted_for_ = nullptr;
};

void SearcherAccess::run(Searcher& searcher, const std::function<void(ViewContext&)>& view) {
    Searcher::Impl& impl = searcher.live();
    impl.with_retries([&] {
        SearcherViewContext context(impl);
        view(context);
        return 0;
    });
}

}  // namespace views
}  // namespace parley
