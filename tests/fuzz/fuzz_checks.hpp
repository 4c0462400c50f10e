#pragma once

// What every fuzz target checks besides "no crash": a broken promise is reported and
// aborts, so libFuzzer keeps the input as a crash like any sanitizer finding.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "parley/article.hpp"
#include "parley/article_reader.hpp"
#include "parley/ingest_report.hpp"
#include "parley/input_limits.hpp"
#include "util/dates.hpp"
#include "util/utf8.hpp"

namespace parley::fuzz {

[[noreturn]] inline void fail(const char* what, std::string_view detail) {
    std::fprintf(stderr, "fuzz check failed: %s: %s\n", what,
                 util::printable(detail, 2000).c_str());
    std::abort();
}

#define PARLEY_FUZZ_CHECK(condition, detail)                          \
    do {                                                              \
        if (!(condition)) ::parley::fuzz::fail(#condition, (detail)); \
    } while (false)

/// The limits a reader runs with: the defaults, or, for one input length in three, limits
/// small enough that the fuzzer meets every "over a limit" path. Chosen from the length so
/// that the seeds stay the files they are.
inline InputLimits limits_for(std::size_t size) {
    InputLimits limits;
    if (size % 3 == 0) {
        limits.record_bytes = 2048;
        limits.paragraph_bytes = 256;
        limits.paragraphs = 8;
        limits.article_bytes = 1024;
        limits.field_bytes = 64;
        limits.authors = 3;
        limits.depth = 8;
    }
    return limits;
}

inline bool is_utf8(std::string_view text) { return !util::first_invalid_utf8(text); }

/// An article a reader handed on: text in UTF-8, trimmed paragraphs, within every limit,
/// a date in ISO form or none.
inline void check_article(const Article& a, const InputLimits& limits) {
    PARLEY_FUZZ_CHECK(!a.paragraphs.empty(), a.title);
    PARLEY_FUZZ_CHECK(a.paragraphs.size() <= limits.paragraphs, a.title);
    std::size_t total = 0;
    for (const auto& p : a.paragraphs) {
        PARLEY_FUZZ_CHECK(!p.empty(), a.title);
        PARLEY_FUZZ_CHECK(is_utf8(p), p);
        PARLEY_FUZZ_CHECK(p.size() <= limits.paragraph_bytes, p);
        total += p.size();
    }
    PARLEY_FUZZ_CHECK(total <= limits.article_bytes, a.title);
    for (const std::string* field : {&a.id, &a.title, &a.date, &a.source, &a.url, &a.language}) {
        PARLEY_FUZZ_CHECK(is_utf8(*field), *field);
        PARLEY_FUZZ_CHECK(field->size() <= limits.field_bytes, *field);
    }
    PARLEY_FUZZ_CHECK(a.authors.size() <= limits.authors, a.title);
    for (const auto& author : a.authors) {
        PARLEY_FUZZ_CHECK(!author.empty(), a.title);
        PARLEY_FUZZ_CHECK(is_utf8(author), author);
        PARLEY_FUZZ_CHECK(author.size() <= limits.field_bytes, author);
    }
    if (!a.date.empty()) {
        const auto date = util::parse_date(a.date);
        PARLEY_FUZZ_CHECK(date && date->iso() == a.date, a.date);
    }
}

/// Lines of `text`, ended by LF, CRLF or a lone CR as the readers count them.
inline std::size_t count_lines(std::string_view text) {
    std::size_t lines = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
            ++lines;
    }
    return lines;
}

/// The problems of a report: each names the source it was given, a reason, and a detail
/// that is escaped (no control characters, UTF-8) and short; a line and a byte within the
/// input.
inline void check_report(const IngestReport& report, const std::string& source,
                         std::string_view input) {
    const std::size_t lines = count_lines(input);
    for (const IngestProblem& p : report.problems) {
        PARLEY_FUZZ_CHECK(p.line <= lines, p.to_string());
        PARLEY_FUZZ_CHECK(p.source == source, p.to_string());
        PARLEY_FUZZ_CHECK(!p.reason.empty(), p.to_string());
        PARLEY_FUZZ_CHECK(is_utf8(p.detail), p.to_string());
        PARLEY_FUZZ_CHECK(p.detail.size() <= 400, p.to_string());
        for (const char c : p.detail) {
            const auto u = static_cast<unsigned char>(c);
            PARLEY_FUZZ_CHECK(u >= 0x20 && u != 0x7f, p.to_string());
        }
        PARLEY_FUZZ_CHECK(p.byte <= input.size(), p.to_string());
    }
}

/// Collects what a reader delivers and checks each article as it comes.
struct Collector {
    explicit Collector(const InputLimits& limits) : limits(limits) {}
    InputLimits limits;
    std::vector<Article> articles;
    IngestReport report;
    ArticleSink sink() {
        return [this](Article&& a) {
            check_article(a, limits);
            articles.push_back(std::move(a));
        };
    }
};

/// One fuzz input through a reader of whole contents (text, Markdown, HTML, feeds):
/// `read(input, source, sink, report, limits)` must not crash, deliver only well-formed
/// articles within the limits, and report problems that name the file, a line and a byte.
template <typename Reader>
int read_checked(const std::uint8_t* data, std::size_t size, const std::string& source,
                 Reader read) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    Collector out(limits_for(size));
    read(input, source, out.sink(), out.report, out.limits);
    check_report(out.report, source, input);
    return 0;
}

}  // namespace parley::fuzz
