// replace_all, which the byline, title and author splitting use in place of
// std::string::replace loops (GCC 12's -Wrestrict misread those): the same results.
#include "util/text_split.hpp"

#include <gtest/gtest.h>

namespace parley::util {
namespace {

TEST(ReplaceAll, ReplacesLeftToRightWithoutOverlap) {
    EXPECT_EQ(replace_all("A and B and C", " and ", ";"), "A;B;C");
    EXPECT_EQ(replace_all("aaaa", "aa", "a"), "aa");  // not rescanned: "aa", not "a"
    EXPECT_EQ(replace_all("no match", "xyz", "-"), "no match");
    EXPECT_EQ(replace_all("", "a", "b"), "");
    EXPECT_EQ(replace_all("\u00a0x\u00a0\u00a0", "\u00a0", " "), " x  ");
    EXPECT_EQ(split_authors("Ana Ruiz and Li Wei, Sam Roe & Jo Poe"),
              (std::vector<std::string>{"Ana Ruiz", "Li Wei", "Sam Roe", "Jo Poe"}));
}

}  // namespace
}  // namespace parley::util
