#include "parley/ingest_report.hpp"

#include "util/utf8.hpp"

namespace parley {
namespace {

// Problems quote input (names, bad JSON): escaped so that it cannot drive a terminal or
// forge a log line, and short.
constexpr std::size_t kMaxDetailBytes = 300;

}  // namespace

std::string IngestProblem::to_string() const {
    std::string out = source;
    // Appended, not concatenated: GCC 12 reads ":" + string as an overlapping copy
    // (-Wrestrict, its bug 105329).
    if (line > 0) out.append(":").append(std::to_string(line));
    out += ": ";
    if (byte > 0) out.append("byte ").append(std::to_string(byte)).append(": ");
    out += severity == Severity::Skipped ? "skipped: " : "warning: ";
    out += reason;
    if (!detail.empty()) out += ": " + detail;
    return out;
}

void IngestReport::skip(std::string source, std::size_t line, std::string reason,
                        std::string detail, std::size_t byte) {
    problems.push_back({IngestProblem::Severity::Skipped, util::printable(source), line, byte,
                        std::move(reason), util::printable(detail, kMaxDetailBytes)});
}

void IngestReport::warn(std::string source, std::size_t line, std::string reason,
                        std::string detail, std::size_t byte) {
    problems.push_back({IngestProblem::Severity::Warning, util::printable(source), line, byte,
                        std::move(reason), util::printable(detail, kMaxDetailBytes)});
}

std::size_t IngestReport::skipped() const {
    std::size_t n = 0;
    for (const auto& p : problems) n += p.severity == IngestProblem::Severity::Skipped;
    return n;
}

std::size_t IngestReport::warnings() const { return problems.size() - skipped(); }

std::map<std::string, std::size_t> IngestReport::skipped_by_reason() const {
    std::map<std::string, std::size_t> out;
    for (const auto& p : problems) {
        if (p.severity == IngestProblem::Severity::Skipped) ++out[p.reason];
    }
    return out;
}

}  // namespace parley
