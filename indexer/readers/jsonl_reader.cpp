#include "readers/jsonl_reader.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "readers/bounded_json.hpp"
#include "readers/reader_common.hpp"

namespace parley::readers {
namespace {

using nlohmann::json;

// Thrown for a field of the wrong shape; the line is skipped with this message.
struct FieldError {
    std::string message;
};

std::string string_field(const json& obj, const char* key) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return it->dump();  // exact, whatever its size
    throw FieldError{std::string("field '") + key + "' should be a string"};
}

std::vector<std::string> string_list(const json& value, const char* key) {
    std::vector<std::string> out;
    for (const auto& item : value) {
        if (!item.is_string()) {
            throw FieldError{std::string("field '") + key + "' should hold only strings"};
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

Article to_article(const json& obj) {
    Article a;
    a.id = string_field(obj, "id");
    a.title = string_field(obj, "title");
    a.date = string_field(obj, "date");
    a.source = string_field(obj, "source");
    a.url = string_field(obj, "url");
    a.language = string_field(obj, "lang");
    if (a.language.empty()) a.language = string_field(obj, "language");
    for (const char* key : {"authors", "author"}) {
        const auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) continue;
        if (it->is_array()) {
            for (auto& name : string_list(*it, key)) a.authors.push_back(std::move(name));
        } else if (it->is_string()) {
            for (auto& name : split_authors(it->get<std::string>()))
                a.authors.push_back(std::move(name));
        } else {
            throw FieldError{std::string("field '") + key + "' should be a string or a list"};
        }
    }
    if (const auto it = obj.find("paragraphs"); it != obj.end() && !it->is_null()) {
        if (!it->is_array()) throw FieldError{"field 'paragraphs' should be a list of strings"};
        for (auto& p : string_list(*it, "paragraphs")) a.paragraphs.push_back(collapse_spaces(p));
    } else {
        std::string body = string_field(obj, "body");
        if (body.empty()) body = string_field(obj, "text");
        a.paragraphs = split_paragraphs(body);
    }
    return a;
}

enum class LineRead {
    Line,             // a line (perhaps overlong)
    End,              // the end of the input
    PastStreamLimit,  // the input goes on past `stream_left`: stop reading it
};

// Reads one line, without its '\n', keeping at most `max` bytes: a longer line is consumed
// to its end but not kept (`overlong`), so memory stays bounded whatever the input.
// `consumed` counts every byte read, newline included. Reads at most one byte more than
// `stream_left`, the bytes the input may still give: an endless line (/dev/zero) or stream
// stops there, so time too is bounded.
LineRead read_bounded_line(std::istream& in, std::string& line, std::size_t max,
                           std::size_t stream_left, bool& overlong, std::size_t& consumed) {
    line.clear();
    overlong = false;
    consumed = 0;
    bool any = false;
    char chunk[1 << 16];
    const auto line_or_past = [&] {
        return consumed > stream_left ? LineRead::PastStreamLimit : LineRead::Line;
    };
    for (;;) {
        if (consumed > stream_left) return LineRead::PastStreamLimit;
        // get() stores a NUL after what it reads: room for stream_left + 1 - consumed bytes.
        const std::size_t room = std::min(sizeof chunk, stream_left - consumed + 2);
        in.get(chunk, static_cast<std::streamsize>(room), '\n');
        const auto n = static_cast<std::size_t>(in.gcount());
        if (n > 0) {
            any = true;
            consumed += n;
            if (!overlong && line.size() + n > max) {
                overlong = true;
                std::string().swap(line);
            }
            if (!overlong) line.append(chunk, n);
        }
        if (in.eof()) return any ? line_or_past() : LineRead::End;
        in.clear();  // get() fails when the line is empty
        const int c = in.get();
        if (c == '\n') {
            ++consumed;
            return line_or_past();
        }
        if (c == std::char_traits<char>::eof()) return any ? line_or_past() : LineRead::End;
        in.unget();  // the chunk was full: the line goes on
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
    for (;;) {
        // offset <= limits.stream_bytes: a line past it ends the loop.
        const LineRead read = read_bounded_line(in, line, limits.record_bytes,
                                                limits.stream_bytes - offset, overlong, consumed);
        if (read == LineRead::End) break;
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
            report.skip(source, line_no, "over a limit",
                        "record of " + std::to_string(consumed) + " bytes, over the limit of " +
                            std::to_string(limits.record_bytes) + " (limit 'record-bytes')",
                        line_offset);
            continue;
        }
        if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        const Origin origin{source, line_no};
        if (!check_text(line, origin, report, line_offset)) continue;
        json obj;
        JsonRefusal refusal;
        if (!parse_bounded_json(line, limits.depth, obj, refusal)) {
            report.skip(source, line_no, refusal.reason, refusal.detail,
                        line_offset + refusal.byte);
            continue;
        }
        if (!obj.is_object()) {
            report.skip(source, line_no, "malformed JSON", "a line must hold one JSON object");
            continue;
        }
        Article article;
        try {
            article = to_article(obj);
        } catch (const FieldError& e) {
            report.skip(source, line_no, "bad field", e.message);
            continue;
        }
        deliver(std::move(article), origin, sink, report, limits);
    }
}

}  // namespace parley::readers
