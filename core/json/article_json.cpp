// The article form: the JSON object that describes one article to index, in a JSON Lines
// file, a JSON array, or a POST /articles body.
#include "json/json_forms.hpp"
#include "util/text_split.hpp"

namespace parley::json_forms {
namespace {

std::string string_field(const nlohmann::json& obj, const char* key) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return it->dump();  // exact, whatever its size
    throw ArticleFieldError{std::string("field '") + key + "' should be a string"};
}

std::vector<std::string> string_list(const nlohmann::json& value, const char* key) {
    std::vector<std::string> out;
    for (const auto& item : value) {
        if (!item.is_string()) {
            throw ArticleFieldError{std::string("field '") + key + "' should hold only strings"};
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

}  // namespace

Article article_from_json(const nlohmann::json& obj) {
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
            for (auto& name : util::split_authors(it->get<std::string>()))
                a.authors.push_back(std::move(name));
        } else {
            throw ArticleFieldError{std::string("field '") + key +
                                    "' should be a string or a list"};
        }
    }
    if (const auto it = obj.find("paragraphs"); it != obj.end() && !it->is_null()) {
        if (!it->is_array())
            throw ArticleFieldError{"field 'paragraphs' should be a list of strings"};
        for (auto& p : string_list(*it, "paragraphs"))
            a.paragraphs.push_back(util::collapse_spaces(p));
    } else {
        // "body" is Parley's (paragraphs at blank lines); "text" is what extraction tools
        // write, one paragraph per line when it has no blank lines.
        if (const std::string body = string_field(obj, "body"); !body.empty())
            a.paragraphs = util::split_paragraphs(body);
        else
            a.paragraphs = util::split_extracted_text(string_field(obj, "text"));
    }
    return a;
}

}  // namespace parley::json_forms
