#include "readers/jsonl_reader.hpp"

#include <nlohmann/json.hpp>

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
    if (it->is_number_integer()) return std::to_string(it->get<long long>());
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

}  // namespace

void read_jsonl(std::istream& in, const std::string& source, const ArticleSink& sink,
                IngestReport& report) {
    std::string line;
    std::size_t line_no = 0;
    std::size_t offset = 0;  // byte offset of the current line in the file
    while (std::getline(in, line)) {
        report.bytes_read += line.size() + 1;  // as it goes: progress on a big file
        ++line_no;
        const std::size_t line_offset = offset;
        offset += line.size() + 1;
        if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        const Origin origin{source, line_no};
        if (!check_text(line, origin, report, line_offset)) continue;
        json obj;
        try {
            obj = json::parse(line);
        } catch (const json::parse_error& e) {
            // nlohmann counts bytes from 1 within the line.
            const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
            std::string what = e.what();
            if (const auto colon = what.find("error: "); colon != std::string::npos)
                what = what.substr(colon + 7);
            report.skip(source, line_no, "malformed JSON", what, line_offset + at);
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
        deliver(std::move(article), origin, sink, report);
    }
}

}  // namespace parley::readers
