#include "schema/paragraph_record.hpp"

#include <algorithm>
#include <limits>
#include <optional>

#include "parley/error.hpp"
#include "schema/schema.hpp"

namespace parley::schema {
namespace {

// Format: version byte, then varint-length-prefixed fields in declaration order.
// Compact and stable; paragraph records (the text) are the bulk of an index.
// Paragraph version 4 added actor types and each topic's evidence; 5 the topics mentioned
// only in passing, with theirs, after the topics. Version 4 records are still read (their
// paragraphs mention their topics only): `parley-index retag` rewrites them.
constexpr char kParagraphVersion = 5;
constexpr char kOldestParagraphVersion = 4;
constexpr char kArticleVersion = 1;

void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

void put_string(std::string& out, std::string_view s) {
    put_varint(out, s.size());
    out.append(s);
}

// Reads exactly what encode() writes, and nothing else: a record's bytes decode only to the
// record whose encoding they are. Anything else — a truncated field, bytes after the last
// field, a number written longer than encode() writes it or too large for its field — is
// a corrupt record, never a record read some other way.
class Reader {
  public:
    Reader(std::string_view data, const char* what) : data_(data), what_(what) {}

    /// Names the record in the messages from here on ("of article 'a1', paragraph 3").
    void name(std::string who) { who_ = std::move(who); }

    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos_ >= data_.size()) fail();
            const auto byte = static_cast<unsigned char>(data_[pos_++]);
            // The 10th byte holds bit 63 only; a last byte of 0 makes a longer form.
            if (shift == 63 && byte > 1) fail();
            if (byte == 0 && shift > 0) fail();
            v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
            if ((byte & 0x80) == 0) return v;
        }
        fail();
    }

    std::uint32_t u32() {
        const std::uint64_t v = varint();
        if (v > std::numeric_limits<std::uint32_t>::max()) fail();
        return static_cast<std::uint32_t>(v);
    }

    std::string string() {
        const std::uint64_t n = varint();
        if (n > data_.size() - pos_) fail();
        std::string s(data_.substr(pos_, n));
        pos_ += n;
        return s;
    }

    char byte() {
        if (pos_ >= data_.size()) fail();
        return data_[pos_++];
    }

    /// After the last field: the record must end there.
    void end() const {
        if (pos_ != data_.size()) fail();
    }

    [[noreturn]] void fail() const {
        throw RecordError(std::string("corrupt ") + what_ + " record" + who_ +
                          " in the index (rebuild it)");
    }

  private:
    std::string_view data_;
    const char* what_;
    std::string who_;
    std::size_t pos_ = 0;
};

// " of article 'ID'", with the id every record version so far writes first (after the
// version byte), when it reads as one: a record too new or too broken to read still says
// whose it is. Empty when it does not.
std::string whose(std::string_view data) {
    if (data.size() < 2) return {};
    const auto n = static_cast<unsigned char>(data[1]);
    if (n == 0 || n >= 0x80 || n > data.size() - 2) return {};  // ids in records are short
    const std::string_view id = data.substr(2, n);
    for (const char c : id)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return {};
    return " of article '" + std::string(id) + "'";
}

// Why this Parley does not read a record of `version` (it reads `oldest` to `newest`): an
// index from a newer Parley wants that Parley (or a rebuild), one from an older a rebuild.
[[noreturn]] void refuse_version(const char* what, std::string_view data, int oldest, int newest) {
    const int version = static_cast<unsigned char>(data[0]);
    const std::string reads =
        oldest == newest ? "version " + std::to_string(newest)
                         : "versions " + std::to_string(oldest) + " to " + std::to_string(newest);
    const std::string why =
        version > newest
            ? " (the index was written by a newer Parley: search it with that version or "
              "later, or rebuild it with this parley-index)"
            : " (an index built by an older Parley: rebuild it with this parley-index)";
    throw RecordError(std::string(what) + " record" + whose(data) + ": version " +
                      std::to_string(version) + ", but this Parley reads " + reads + why);
}

// The version of a record this Parley reads.
char check_paragraph_version(std::string_view data, Reader& in) {
    const char version = in.byte();
    if (version >= kOldestParagraphVersion && version <= kParagraphVersion) return version;
    refuse_version("paragraph", data, kOldestParagraphVersion, kParagraphVersion);
}

}  // namespace

std::string ParagraphRecord::encode() const {
    std::string out;
    out.reserve(text.size() + article_id.size() + 8);
    out.push_back(kParagraphVersion);
    put_string(out, article_id);
    put_varint(out, paragraph);
    put_string(out, text);
    put_varint(out, actors.size());
    for (const auto& a : actors) put_string(out, a);
    put_varint(out, actor_types.size());
    for (const auto& t : actor_types) put_string(out, t);
    auto put_topic = [&](const std::string& t) {
        put_string(out, t);
        const auto evidence = topic_evidence.find(t);
        put_varint(out, evidence == topic_evidence.end() ? 0 : evidence->second.size());
        if (evidence == topic_evidence.end()) return;
        for (const auto& cue : evidence->second) put_string(out, cue);
    };
    put_varint(out, topics.size());
    for (const auto& t : topics) put_topic(t);
    // Mentioned topics hold the topics; only the others are written.
    std::vector<const std::string*> passing;
    for (const auto& t : mentioned_topics) {
        if (std::find(topics.begin(), topics.end(), t) == topics.end()) passing.push_back(&t);
    }
    put_varint(out, passing.size());
    for (const std::string* t : passing) put_topic(*t);
    return out;
}

ParagraphRecord ParagraphRecord::decode(std::string_view data) {
    Reader in(data, "paragraph");
    const char version = check_paragraph_version(data, in);
    ParagraphRecord r;
    r.article_id = in.string();
    in.name(" of article '" + r.article_id + "'");
    r.paragraph = in.u32();
    in.name(" of article '" + r.article_id + "', paragraph " + std::to_string(r.paragraph));
    r.text = in.string();
    for (std::uint64_t n = in.varint(); n > 0; --n) r.actors.push_back(in.string());
    for (std::uint64_t n = in.varint(); n > 0; --n) r.actor_types.push_back(in.string());
    auto read_topics = [&](std::vector<std::string>& into) {
        const bool passing = &into == &r.mentioned_topics;
        std::optional<std::string> previous;
        for (std::uint64_t n = in.varint(); n > 0; --n) {
            std::string topic = in.string();
            const std::uint64_t cues = in.varint();
            // A topic twice would read back as one and encode otherwise, and so would topics
            // in passing out of the (sorted) order encode() writes them in.
            if (std::find(r.mentioned_topics.begin(), r.mentioned_topics.end(), topic) !=
                r.mentioned_topics.end())
                in.fail();
            if (passing && previous && !(*previous < topic)) in.fail();
            into.push_back(topic);
            if (passing)
                previous = topic;
            else
                r.mentioned_topics.push_back(topic);
            if (cues == 0) continue;
            auto& evidence = r.topic_evidence[std::move(topic)];
            for (std::uint64_t i = 0; i < cues; ++i) evidence.push_back(in.string());
        }
    };
    read_topics(r.topics);
    if (version >= 5) read_topics(r.mentioned_topics);
    std::sort(r.mentioned_topics.begin(), r.mentioned_topics.end());
    in.end();
    return r;
}

std::string ParagraphRecord::article_id_in(std::string_view data) {
    Reader in(data, "paragraph");
    check_paragraph_version(data, in);
    return in.string();
}

std::string ArticleRecord::encode() const {
    std::string out;
    out.reserve(title.size() + url.size() + 64);
    out.push_back(kArticleVersion);
    put_string(out, article_id);
    put_varint(out, paragraph_count);
    put_string(out, title);
    put_varint(out, authors.size());
    for (const auto& a : authors) put_string(out, a);
    put_string(out, date);
    put_string(out, source);
    put_string(out, url);
    put_string(out, language);
    return out;
}

ArticleRecord ArticleRecord::decode(std::string_view data) {
    Reader in(data, "article");
    if (in.byte() != kArticleVersion)
        refuse_version("article", data, kArticleVersion, kArticleVersion);
    ArticleRecord r;
    r.article_id = in.string();
    in.name(" of article '" + r.article_id + "'");
    r.paragraph_count = in.u32();
    r.title = in.string();
    // Every author is read back, however many were stored: stopping early would misread
    // every field after them.
    const std::uint64_t n = in.varint();
    for (std::uint64_t i = 0; i < n; ++i) r.authors.push_back(in.string());
    r.date = in.string();
    r.source = in.string();
    r.url = in.string();
    r.language = in.string();
    in.end();
    return r;
}

std::string article_record_key(std::string_view article_id) { return "A:" + id_key(article_id); }

std::optional<std::string> legacy_article_record_key(std::string_view article_id) {
    const auto key = legacy_id_key(article_id);
    if (!key) return std::nullopt;
    return "A:" + *key;
}

}  // namespace parley::schema
