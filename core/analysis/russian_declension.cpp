#include "analysis/russian_declension.hpp"

#include <algorithm>

namespace parley::russian {
namespace {

constexpr std::string_view kHardEndings[] = {"а",  "у",  "ом", "е",   "ы", "ов",
                                             "ым", "ой", "ам", "ами", "ах"};
constexpr std::string_view kSoftEndings[] = {"я", "ю", "ем", "е", "и", "ев"};

bool among(std::string_view word, std::span<const std::string_view> list) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

bool ends_in_consonant(std::string_view word) {
    static constexpr std::string_view kConsonants[] = {"б", "в", "г", "д", "ж", "з", "к",
                                                       "л", "м", "н", "п", "р", "с", "т",
                                                       "ф", "х", "ц", "ч", "ш", "щ"};
    return std::any_of(std::begin(kConsonants), std::end(kConsonants),
                       [&](std::string_view c) { return word.ends_with(c); });
}

}  // namespace

std::span<const std::string_view> hard_endings() { return kHardEndings; }
std::span<const std::string_view> soft_endings() { return kSoftEndings; }

std::string_view declension_base(std::string_view name) {
    if (ends_in_consonant(name)) return name;
    // Two bytes: "й" in UTF-8. A base of one letter or less is no name ("мой" → "мо").
    if (name.size() > 4 && name.ends_with("й")) return name.substr(0, name.size() - 2);
    return {};
}

bool declined(std::string_view word, std::string_view name) {
    const std::string_view base = declension_base(name);
    if (base.empty() || word.size() <= base.size() || !word.starts_with(base)) return false;
    const std::string_view ending = word.substr(base.size());
    return base.size() == name.size() ? among(ending, kHardEndings) : among(ending, kSoftEndings);
}

std::vector<std::string> possible_names(std::string_view word) {
    std::vector<std::string> names;
    for (const std::string_view ending : kHardEndings) {
        if (word.size() <= ending.size() || !word.ends_with(ending)) continue;
        const std::string_view stem = word.substr(0, word.size() - ending.size());
        if (ends_in_consonant(stem)) names.emplace_back(stem);
    }
    for (const std::string_view ending : kSoftEndings) {
        if (word.size() <= ending.size() + 2 || !word.ends_with(ending)) continue;
        names.push_back(std::string(word.substr(0, word.size() - ending.size())) + "й");
    }
    return names;
}

}  // namespace parley::russian
