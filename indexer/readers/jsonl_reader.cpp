#include "readers/jsonl_reader.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "json/bounded_json.hpp"
#include "json/json_forms.hpp"
#include "readers/cms_json.hpp"
#include "readers/reader_common.hpp"
#include "util/utf8.hpp"

namespace parley::readers {
namespace {

using json_forms::JsonRefusal;
using json_forms::parse_bounded_json;
using nlohmann::json;

// One article object, as the JSON module reads it, to `sink`; what is not an object, or
// has a field of the wrong shape, is skipped with its origin, and a field read otherwise
// than written (converted, left out, or given twice: `duplicate_keys`) is said.
// A content system's record (WordPress, a CMS's names, HTML text) is first put in the
// article form (cms_json.hpp); `once` holds what the file has said already.
void deliver_object(const json& record, const Origin& origin, const char* not_an_object,
                    const std::vector<std::string>& duplicate_keys, const ArticleSink& sink,
                    IngestReport& report, const InputLimits& limits, CmsNotes& once) {
    if (!record.is_object()) {
        report.skip(origin.source, origin.line, "malformed JSON", not_an_object);
        return;
    }
    Article article;
    std::vector<json_forms::ArticleFieldNote> notes;
    std::optional<json> converted;
    try {
        converted = cms_to_article_form(record, limits.depth, notes, once);
        article = json_forms::article_from_json(converted ? *converted : record, &notes);
    } catch (const LimitPassed& e) {
        report.skip(origin.source, origin.line, "too deep", e.detail);
        return;
    } catch (const json_forms::ArticleFieldError& e) {
        report.skip(origin.source, origin.line, "bad field", e.message);
        return;
    }
    for (const std::string& key : duplicate_keys)
        report.warn(origin.source, origin.line, "duplicate key",
                    "key '" + key + "' is given more than once: its last value is read");
    for (auto& note : notes)
        report.warn(origin.source, origin.line, std::move(note.reason), std::move(note.detail));
    // A record from another tool (a CMS's "content", "headline") has its text under a name
    // this form does not read: said, with the names it has, rather than "no text" alone.
    const json& obj = converted ? *converted : record;
    Origin said = origin;
    if (!obj.contains("paragraphs") && !obj.contains("body") && !obj.contains("text")) {
        // Named from the record as written.
        std::string fields;
        for (const auto& [key, value] : record.items()) {
            if (fields.size() > 200) {
                fields += ", ...";
                break;
            }
            fields += (fields.empty() ? "'" : ", '") + key + "'";
        }
        said.no_text_why =
            "no 'paragraphs', 'body', 'text', 'content' or 'content_html' field to read the text "
            "from (the record's fields: " +
            (fields.empty() ? std::string("none") : fields) + ")";
    }
    deliver(std::move(article), said, sink, report, limits);
}

// A `\uD83D` escape without its other half, read as U+FFFD: said where it is, as the
// record is kept.
void warn_lone_surrogate(IngestReport& report, const std::string& source, std::size_t line,
                         std::string_view text, std::size_t at, std::size_t byte) {
    report.warn(source, line, "lone surrogate",
                "'" + std::string(text.substr(at, 6)) +
                    "' is half of a UTF-16 pair without the other half: read as U+FFFD",
                byte);
}

// The keys given twice (by path), by article: for an array, "[2].body" is the third
// article's "body"; for one object, its own.
std::vector<std::vector<std::string>> duplicates_by_article(
    const json& value, const std::vector<std::string>& duplicate_keys) {
    std::vector<std::vector<std::string>> duplicates(value.is_array() ? value.size() : 1);
    for (const std::string& path : duplicate_keys) {
        if (!value.is_array()) {
            duplicates[0].push_back(path);
            continue;
        }
        const auto close = path.find(']');
        const auto dot = path.find('.', close);
        if (close == std::string::npos || dot == std::string::npos) continue;  // not an article's
        duplicates[std::stoul(path.substr(1, close - 1))].push_back(path.substr(dot + 1));
    }
    return duplicates;
}

enum class LineRead {
    Line,             // a line (perhaps overlong)
    End,              // the end of the input
    PastStreamLimit,  // the input goes on past `stream_left`: stop reading it
};

// Reads one line, without its end ("\n", "\r\n", or a lone "\r" as old Mac files have),
// keeping at most `max` bytes: a longer line is consumed to its end but not kept
// (`overlong`), so memory stays bounded whatever the input. `consumed` counts every byte
// read, line end included. Reads at most one byte more than `stream_left`, the bytes the
// input may still give: an endless line (/dev/zero) or stream stops there, so time too is
// bounded.
LineRead read_bounded_line(std::istream& in, std::string& line, std::size_t max,
                           std::size_t stream_left, bool& overlong, std::size_t& consumed) {
    line.clear();
    overlong = false;
    consumed = 0;
    std::streambuf& buffer = *in.rdbuf();
    constexpr int eof = std::char_traits<char>::eof();
    const auto line_or_past = [&] {
        return consumed > stream_left ? LineRead::PastStreamLimit : LineRead::Line;
    };
    for (;;) {
        if (consumed > stream_left) return LineRead::PastStreamLimit;
        const int c = buffer.sbumpc();
        if (c == eof) {
            in.setstate(std::ios::eofbit);
            return consumed > 0 ? line_or_past() : LineRead::End;
        }
        ++consumed;
        if (c == '\n') return line_or_past();
        if (c == '\r') {
            if (consumed <= stream_left && buffer.sgetc() == '\n') {
                buffer.sbumpc();
                ++consumed;
            }
            return line_or_past();
        }
        if (!overlong && line.size() >= max) {
            overlong = true;
            std::string().swap(line);
        }
        if (!overlong) line += static_cast<char>(c);
    }
}

}  // namespace

void read_jsonl(std::istream& in, const std::string& source, const ArticleSink& sink,
                IngestReport& report, const InputLimits& limits) {
    std::string line;
    std::size_t line_no = 0;
    std::size_t offset = 0;  // byte offset of the current line in the file
    bool overlong = false;
    std::size_t consumed = 0;
    bool any_record = false;  // a line that is not blank
    CmsNotes once;
    for (;;) {
        // offset <= limits.stream_bytes: a line past it ends the loop.
        const LineRead read = read_bounded_line(in, line, limits.record_bytes,
                                                limits.stream_bytes - offset, overlong, consumed);
        if (read == LineRead::End) {
            // Blank lines and nothing else: an export whose job failed, as a 0-byte file is
            // (said so, and --prune keeps what the file gave before).
            if (!any_record && line_no > 0)
                report.skip(source, 0, "empty file",
                            "the file holds only blank lines (" + std::to_string(line_no) +
                                "): no records in it");
            break;
        }
        report.bytes_read += consumed;  // as it goes: progress on a big file
        ++line_no;
        const std::size_t line_offset = offset;
        offset += consumed;
        if (read == LineRead::PastStreamLimit) {
            report.skip(source, line_no, "over a limit",
                        "input of more than " + std::to_string(limits.stream_bytes) +
                            " bytes (limit 'stream-bytes'): stopped reading at byte " +
                            std::to_string(limits.stream_bytes) + ", in line " +
                            std::to_string(line_no) +
                            "; the lines before it were read, the rest is not",
                        limits.stream_bytes);
            return;
        }
        if (overlong) {
            any_record = true;
            report.skip(source, line_no, "over a limit",
                        "record of " + std::to_string(consumed) + " bytes, over the limit of " +
                            std::to_string(limits.record_bytes) + " (limit 'record-bytes')",
                        line_offset);
            continue;
        }
        if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        any_record = true;
        const Origin origin{source, line_no};
        if (!check_text(line, origin, report, line_offset)) continue;
        json obj;
        JsonRefusal refusal;
        std::vector<std::string> duplicate_keys;
        std::vector<std::size_t> lone_surrogates;
        if (!parse_bounded_json(line, limits.depth, obj, refusal, &duplicate_keys,
                                &lone_surrogates)) {
            report.skip(source, line_no, refusal.reason, refusal.detail,
                        line_offset + refusal.byte);
            continue;
        }
        for (const std::size_t at : lone_surrogates)
            warn_lone_surrogate(report, source, line_no, line, at, line_offset + at);
        // A line holding an array of articles, as `jq -c '.items'` writes an API's pages:
        // each is read, under the line.
        const auto duplicates = duplicates_by_article(obj, duplicate_keys);
        if (obj.is_array() && !obj.empty() &&
            std::all_of(obj.begin(), obj.end(), [](const json& o) { return o.is_object(); })) {
            for (std::size_t i = 0; i < obj.size(); ++i)
                deliver_object(obj[i], origin, "", duplicates[i], sink, report, limits, once);
            continue;
        }
        // A JSON Feed on a line: its items, under the line.
        if (is_json_feed(obj)) {
            if (std::string why = json_feed_problem(obj); !why.empty())
                report.skip(source, line_no, "malformed feed", std::move(why));
            for (const json& item : json_feed_items(obj))
                deliver_object(item, origin, "a JSON Feed item must be an object", {}, sink, report,
                               limits, once);
            continue;
        }
        deliver_object(obj, origin, "a line must hold one JSON object, or an array of them",
                       obj.is_array() ? std::vector<std::string>() : duplicates[0], sink, report,
                       limits, once);
    }
}

namespace {

// Where each element of the array `text` opens with starts (byte offsets), found by a scan
// outside strings: the parsed value does not keep its places, and a file's problems name
// the line of their article.
std::vector<std::size_t> array_element_offsets(std::string_view text) {
    std::vector<std::size_t> out;
    std::size_t depth = 0;
    bool expecting = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        if (expecting && depth == 1 && c != ']') out.push_back(i);
        expecting = false;
        if (c == '"') {
            i = json_forms::json_string_end(text, i);
        } else if (c == '[' || c == '{') {
            expecting = ++depth == 1;
        } else if (c == ']' || c == '}') {
            if (depth > 0) --depth;
        } else if (c == ',' && depth == 1) {
            expecting = true;
        }
    }
    return out;
}

// Where each item of a JSON Feed text starts: the elements of the array under the top
// object's "items" key.
std::vector<std::size_t> feed_item_offsets(std::string_view text) {
    std::size_t depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            const std::size_t start = i;
            i = json_forms::json_string_end(text, i);
            if (depth != 1 || text.substr(start, i + 1 - start) != "\"items\"") continue;
            const auto colon = text.find_first_not_of(" \t\r\n", i + 1);
            if (colon == std::string_view::npos || text[colon] != ':') continue;
            const auto open = text.find_first_not_of(" \t\r\n", colon + 1);
            if (open == std::string_view::npos || text[open] != '[') return {};
            auto offsets = array_element_offsets(text.substr(open));
            for (auto& offset : offsets) offset += open;
            return offsets;
        }
        if (c == '{' || c == '[') ++depth;
        if ((c == '}' || c == ']') && depth > 0) --depth;
    }
    return {};
}

}  // namespace

namespace {

// The JSON value at bytes [start, end) of `whole`, its articles to `sink`. Lines and bytes
// are said of `whole`: a file of several values ("[...][...]") names each article's line.
bool read_json_value(std::string_view whole, std::size_t start, std::size_t end,
                     const std::string& source, const InputLimits& limits, const ArticleSink& sink,
                     IngestReport& report, bool from_file, CmsNotes& once) {
    const std::string_view text = whole.substr(start, end - start);
    const auto line_at = [&](std::size_t offset) { return util::line_of(whole, start + offset); };
    nlohmann::json value;
    json_forms::JsonRefusal refusal;
    std::vector<std::string> duplicate_keys;
    std::vector<std::size_t> lone_surrogates;
    const bool parsed = json_forms::parse_bounded_json(text, limits.depth, value, refusal,
                                                       &duplicate_keys, &lone_surrogates);
    for (const std::size_t at : lone_surrogates)
        warn_lone_surrogate(report, source, from_file ? line_at(at) : 0, text, at, start + at);
    if (!parsed) {
        // The parser places the error in this value: placed in the file instead.
        constexpr std::string_view kAt = "parse error at line ";
        if (const auto colon = refusal.detail.find(':');
            start > 0 && refusal.detail.rfind(kAt, 0) == 0 && colon != std::string::npos) {
            const std::size_t byte = start + refusal.byte;
            const auto line_start = whole.rfind('\n', byte == 0 ? 0 : byte - 1);
            const std::size_t column =
                byte - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
            refusal.detail = std::string(kAt) + std::to_string(line_at(refusal.byte)) +
                             ", column " + std::to_string(column) + refusal.detail.substr(colon);
        }
        report.skip(source, from_file ? line_at(refusal.byte) : 0, refusal.reason,
                    refusal.detail + " (at byte " + std::to_string(start + refusal.byte) + ")",
                    start + refusal.byte);
        return false;
    }
    if (!value.is_object() && !value.is_array()) {
        report.skip(source, 0, "malformed JSON",
                    "the text must be one article object or an array of them");
        return false;
    }
    // A JSON Feed: its items, each at its own line, read as the feed reader reads RSS items.
    if (is_json_feed(value)) {
        if (std::string why = json_feed_problem(value); !why.empty()) {
            report.skip(source, from_file ? line_at(0) : 0, "malformed feed", std::move(why));
            return true;
        }
        std::vector<std::size_t> offsets;
        if (from_file) offsets = feed_item_offsets(text);
        const auto items = json_feed_items(value);
        for (std::size_t place = 0; place < items.size(); ++place) {
            const std::size_t line = place < offsets.size() ? line_at(offsets[place])
                                     : from_file            ? 0
                                                            : place + 1;
            deliver_object(
                items[place], Origin{.source = source, .line = line, .headline_usual = true},
                "a JSON Feed item must be an object", {},
                [&](Article&& a) {
                    if (!from_file) a.origin.clear();
                    sink(std::move(a));
                },
                report, limits, once);
        }
        return true;
    }
    const auto duplicates = duplicates_by_article(value, duplicate_keys);
    std::vector<std::size_t> offsets;
    if (from_file) {
        offsets = value.is_array() ? array_element_offsets(text)
                                   : std::vector<std::size_t>{text.find('{')};
    }
    if (value.is_object()) value = nlohmann::json::array({std::move(value)});
    std::size_t place = 0;
    for (const nlohmann::json& item : value) {
        const std::vector<std::string>& item_duplicates = duplicates[place];
        const std::size_t line =
            from_file && place < offsets.size() ? line_at(offsets[place]) : place + 1;
        ++place;
        deliver_object(
            item, Origin{source, line}, "an article must be a JSON object", item_duplicates,
            [&](Article&& a) {
                // Not from a file: no origin, so --prune never takes it for a deleted file's.
                if (!from_file) a.origin.clear();
                sink(std::move(a));
            },
            report, limits, once);
    }
    return true;
}

// Where each of the JSON values written one after another in `text` starts ("[...][...]", as
// a loop of curl calls over an API's pages writes them); empty when anything but an array or
// object stands between them (the parser then says what is wrong).
std::vector<std::size_t> top_level_value_offsets(std::string_view text) {
    std::vector<std::size_t> out;
    std::size_t depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (depth == 0) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
            if (c != '[' && c != '{') return {};
            out.push_back(i);
        }
        if (c == '"') {
            i = json_forms::json_string_end(text, i);
        } else if (c == '[' || c == '{') {
            ++depth;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return out;
}

}  // namespace

bool read_json_document(std::string_view text, const std::string& source, const InputLimits& limits,
                        const ArticleSink& sink, IngestReport& report, bool from_file) {
    text = strip_bom(text);
    if (!check_text(text, Origin{source, 0}, report)) {
        // A text's `line` is an article's place; a file's is its line.
        if (!from_file) report.problems.back().line = 0;
        return false;
    }
    CmsNotes once;
    return read_json_value(text, 0, text.size(), source, limits, sink, report, from_file, once);
}

void read_json_file(std::string_view text, const std::string& source, const ArticleSink& sink,
                    IngestReport& report, const InputLimits& limits) {
    // Tools write JSON Lines under .json too (BigQuery, Elasticsearch dumps): several lines,
    // the first an object of its own, are read as JSON Lines.
    const std::string_view body = strip_bom(text);
    const auto first = body.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && body[first] == '{') {
        const auto end = body.find_first_of("\r\n", first);
        const std::string_view first_line = body.substr(first, end - first);
        nlohmann::json value;
        json_forms::JsonRefusal refusal;
        if (end != std::string_view::npos &&
            body.find_first_not_of(" \t\r\n", end) != std::string_view::npos &&
            json_forms::parse_bounded_json(first_line, limits.depth, value, refusal)) {
            std::istringstream in{std::string(text)};
            read_jsonl(in, source, sink, report, limits);
            return;
        }
    }
    // An API's pages saved one after another, each an array: each is read.
    if (const auto starts = top_level_value_offsets(body); starts.size() > 1) {
        if (!check_text(body, Origin{source, 0}, report)) return;
        CmsNotes once;
        for (std::size_t i = 0; i < starts.size(); ++i)
            read_json_value(body, starts[i], i + 1 < starts.size() ? starts[i + 1] : body.size(),
                            source, limits, sink, report, true, once);
        return;
    }
    read_json_document(text, source, limits, sink, report, true);
}

}  // namespace parley::readers

namespace parley {

bool read_json_articles(std::string_view text, const std::string& source, const InputLimits& limits,
                        const ArticleSink& sink, IngestReport& report) {
    report.bytes_read += text.size();
    if (text.size() > limits.stream_bytes) {
        report.skip(source, 0, "over a limit",
                    "JSON text of " + std::to_string(text.size()) + " bytes, over the limit of " +
                        std::to_string(limits.stream_bytes) + " (limit 'stream-bytes')");
        return false;
    }
    return readers::read_json_document(text, source, limits, sink, report, false);
}

}  // namespace parley
