#pragma once

// Enumerations in a paragraph: "transportation, coal, oil, steel, or communications",
// "Medicare or Medicaid or education or the environment". A cue that is one short item
// among many is named in passing, whatever the item says.

#include <cstddef>
#include <string_view>
#include <vector>

#include "parley/analyzer.hpp"

namespace parley {

/// Items longer than this (in words) end an enumeration; an end item keeps only this many
/// words next to the list ("... in such industries as transportation").
inline constexpr std::size_t kEnumerationItemWords = 4;
/// Fewer items than this are a pair or a triple ("military, economic and diplomatic
/// pressure"), not a list.
inline constexpr std::size_t kEnumerationMinItems = 4;

/// One item: the words [first, last] of the paragraph.
struct EnumerationItem {
    std::size_t first = 0;
    std::size_t last = 0;
};

/// The items of one enumeration, in order.
using Enumeration = std::vector<EnumerationItem>;

/// The enumerations among `words` (word tokens of `text`, in order, compounds left out):
/// runs of at least kEnumerationMinItems items separated by commas, semicolons, "and", "or"
/// or "nor", within one sentence, whose inner items have at most kEnumerationItemWords words.
std::vector<Enumeration> find_enumerations(std::string_view text,
                                           const std::vector<const Token*>& words);

/// True when every span (words [first, last]) lies inside an inner item of an enumeration in
/// which the spans fill fewer than half of the items: "quality health care" among five needs.
/// An end item runs into the sentence around the list and may carry its subject, so a span
/// there, or outside every list, makes it false.
bool only_minor_list_items(const std::vector<Enumeration>& lists,
                           const std::vector<EnumerationItem>& spans);

}  // namespace parley
