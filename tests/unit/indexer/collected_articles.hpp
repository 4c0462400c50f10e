#pragma once

// What the reader tests collect: the articles a reader delivered and its report.
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "parley/article_reader.hpp"
#include "readers/jsonl_reader.hpp"

namespace parley::readers::testing {

using Strings = std::vector<std::string>;
using Counts = std::map<std::string, std::size_t>;

struct Collected {
    std::vector<Article> articles;
    IngestReport report;
    ArticleSink sink() {
        return [this](Article&& a) { articles.push_back(std::move(a)); };
    }
    /// Every problem, one per line, for failure messages.
    std::string problems() const {
        std::string out;
        for (const auto& p : report.problems) out += p.to_string() + "\n";
        return out;
    }
    /// "line: reason: detail" of each problem, for comparing them in one go.
    Strings problem_lines() const {
        Strings out;
        for (const auto& p : report.problems)
            out.push_back(std::to_string(p.line) + ": " + p.reason + ": " + p.detail);
        return out;
    }
};

/// What the JSON Lines reader makes of `text`, read as the file f.jsonl.
inline Collected read_lines(const std::string& text) {
    Collected c;
    std::istringstream in(text);
    read_jsonl(in, "f.jsonl", c.sink(), c.report);
    return c;
}

}  // namespace parley::readers::testing
