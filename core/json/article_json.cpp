// The article form: the JSON object that describes one article to index, in a JSON Lines
// file, a JSON array, or a POST /articles body.
//
// Exports type their fields loosely (a spreadsheet's numbers, a scraper's one-element
// lists, a database's nulls), so each field takes the forms that mean one thing without
// guessing, and says so where it converted; a value that cannot be read as the field
// skips the record, naming the field and what it held.
#include "json/json_forms.hpp"
#include "util/text_split.hpp"

namespace parley::json_forms {
namespace {

using nlohmann::json;

// What a value is, for messages: "a number (12)", "an object", "a list of 3 values".
std::string described(const json& v) {
    const auto quoted = [](std::string text) {
        constexpr std::size_t kMax = 40;
        if (text.size() > kMax) text = text.substr(0, kMax) + "...";
        return text;
    };
    switch (v.type()) {
        case json::value_t::null:
            return "null";
        case json::value_t::boolean:
            return std::string("a boolean (") + (v.get<bool>() ? "true" : "false") + ")";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float:
            return "a number (" + quoted(v.dump()) + ")";
        case json::value_t::string:
            return "a string";
        case json::value_t::array:
            return v.size() == 1 ? "a list of one value"
                                 : "a list of " + std::to_string(v.size()) + " values";
        case json::value_t::object:
            return "an object";
        default:
            return "a value of another kind";
    }
}

[[noreturn]] void refuse(const std::string& field, const std::string& what) {
    throw ArticleFieldError{"field '" + field + "' is " + what + ": the record is skipped"};
}

class FieldReader {
  public:
    FieldReader(const json& obj, std::vector<ArticleFieldNote>* notes) : obj_(obj), notes_(notes) {}

    const json* find(const char* key) const {
        const auto it = obj_.find(key);
        return it == obj_.end() || it->is_null() ? nullptr : &*it;
    }

    void note(std::string reason, std::string detail) const {
        if (notes_) notes_->push_back({std::move(reason), std::move(detail)});
    }

    // A field of one line of text (title, source, url, language): a string; null or absent
    // is empty. A list of one string (as scrapers write every field) is that string, and a
    // number its digits, each said; anything else skips the record.
    std::string text(const char* key) const {
        const json* v = find(key);
        if (!v) return {};
        if (v->is_string()) return v->get<std::string>();
        if (v->is_array() && v->size() == 1 && (*v)[0].is_string()) {
            note("field converted",
                 std::string("field '") + key + "' is a list of one string: read as that string");
            return (*v)[0].get<std::string>();
        }
        if (v->is_number()) {
            note("field converted", std::string("field '") + key + "' is " + described(*v) +
                                        ": read as the text '" + v->dump() + "'");
            return v->dump();
        }
        refuse(key, described(*v) + ", not a string");
    }

    // The article's id: a string, or an integer (a database key) as its digits, exactly.
    std::string id() const {
        const json* v = find("id");
        if (!v) return {};
        if (v->is_string()) return v->get<std::string>();
        if (v->is_number_integer()) return v->dump();
        refuse("id", described(*v) + ", not a string or a whole number");
    }

    // A date: a string, or MongoDB's {"$date": "..."}. A number is not guessed at (epoch
    // seconds? milliseconds?), nor another shape read: said, and the article indexed without
    // a date, as with a date string that cannot be read.
    std::string date() const {
        const json* v = find("date");
        if (!v) return {};
        if (v->is_object() && v->size() == 1 && v->contains("$date") && (*v)["$date"].is_string())
            return (*v)["$date"].get<std::string>();
        if (v->is_number()) {
            note("field not read",
                 "field 'date' is " + described(*v) +
                     ", not a date: write it as a string such as \"2024-03-05\" (a number is not "
                     "taken for a timestamp); indexed without a date");
            return {};
        }
        if (v->is_array() && v->size() == 1 && (*v)[0].is_string()) return text("date");
        if (v->is_string()) return v->get<std::string>();
        // As an unreadable date is: the article is read without one.
        note("field not read", "field 'date' is " + described(*v) +
                                   ", not a date written as a string: indexed without a date");
        return {};
    }

    // Names: a list of strings (or of objects with a "name", as JSON-LD writes a Person),
    // or one string split into names. Nulls in the list are no names.
    void authors(const char* key, std::vector<std::string>& out) const {
        const json* v = find(key);
        if (!v) return;
        if (v->is_string()) {
            for (auto& name : util::split_authors(v->get<std::string>()))
                out.push_back(std::move(name));
            return;
        }
        if (!v->is_array()) refuse(key, described(*v) + ", not a string or a list of names");
        for (std::size_t i = 0; i < v->size(); ++i) {
            const json& item = (*v)[i];
            if (item.is_null()) continue;
            if (item.is_string()) {
                out.push_back(item.get<std::string>());
            } else if (item.is_object() && item.contains("name") && item["name"].is_string()) {
                out.push_back(item["name"].get<std::string>());
            } else {
                refuse(key, "a list whose item " + std::to_string(i + 1) + " is " +
                                described(item) + ", not a name");
            }
        }
    }

    // Paragraphs: a list of strings (nulls are empty paragraphs), or one string read as a
    // body (paragraphs at blank lines). `split` is how a string is cut into paragraphs.
    template <typename Split>
    std::vector<std::string> paragraphs(const char* key, Split split) const {
        const json* v = find(key);
        if (!v) return {};
        if (v->is_string()) return split(v->get<std::string>());
        if (!v->is_array()) refuse(key, described(*v) + ", not text");
        std::vector<std::string> out;
        for (std::size_t i = 0; i < v->size(); ++i) {
            const json& item = (*v)[i];
            if (item.is_null()) continue;
            if (!item.is_string())
                refuse(key, "a list whose item " + std::to_string(i + 1) + " is " +
                                described(item) + ", not text");
            out.push_back(util::collapse_spaces(item.get<std::string>()));
        }
        return out;
    }

    // Whether `key` holds anything: a non-empty string or list.
    bool holds(const char* key) const {
        const json* v = find(key);
        if (!v) return false;
        // nlohmann's empty() is false for every string: "" is asked for by its text.
        if (v->is_string()) return !v->get_ref<const std::string&>().empty();
        return !(v->is_array() && v->empty());
    }

  private:
    const json& obj_;
    std::vector<ArticleFieldNote>* notes_;
};

}  // namespace

Article article_from_json(const nlohmann::json& obj, std::vector<ArticleFieldNote>* notes) {
    const FieldReader field(obj, notes);
    Article a;
    a.id = field.id();
    a.title = field.text("title");
    a.date = field.date();
    a.source = field.text("source");
    a.url = field.text("url");
    a.language = field.text("lang");
    if (const std::string other = field.text("language"); a.language.empty()) {
        a.language = other;
    } else if (!other.empty() && other != a.language) {
        field.note("field not read", "fields 'lang' ('" + a.language + "') and 'language' ('" +
                                         other + "') differ: 'lang' is read");
    }
    for (const char* key : {"authors", "author"}) field.authors(key, a.authors);

    // "paragraphs" is Parley's list; "body" is text with paragraphs at blank lines; "text"
    // is what extraction tools write, one paragraph per line when it has no blank lines.
    // The first that holds text is read; another holding text too is said, not merged.
    const char* read_from = nullptr;
    if (field.holds("paragraphs")) {
        a.paragraphs = field.paragraphs("paragraphs", util::split_paragraphs);
        read_from = "paragraphs";
    }
    if (a.paragraphs.empty() && field.holds("body")) {
        a.paragraphs = field.paragraphs("body", util::split_paragraphs);
        read_from = "body";
    }
    if (a.paragraphs.empty() && field.holds("text")) {
        a.paragraphs = field.paragraphs("text", util::split_extracted_text);
        read_from = "text";
    }
    for (const char* key : {"paragraphs", "body", "text"}) {
        if (!read_from || key == std::string_view(read_from) || !field.holds(key)) continue;
        field.note("field not read", std::string("the record has both '") + read_from + "' and '" +
                                         key + "': '" + read_from + "' is read, '" + key +
                                         "' is not");
    }
    return a;
}

}  // namespace parley::json_forms
