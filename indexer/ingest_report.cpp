#include "parley/ingest_report.hpp"

namespace parley {

std::string IngestProblem::to_string() const {
    std::string out = source;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
    if (byte > 0) out += "byte " + std::to_string(byte) + ": ";
    out += severity == Severity::Skipped ? "skipped: " : "warning: ";
    out += reason;
    if (!detail.empty()) out += ": " + detail;
    return out;
}

void IngestReport::skip(std::string source, std::size_t line, std::string reason,
                        std::string detail, std::size_t byte) {
    problems.push_back({IngestProblem::Severity::Skipped, std::move(source), line, byte,
                        std::move(reason), std::move(detail)});
}

void IngestReport::warn(std::string source, std::size_t line, std::string reason,
                        std::string detail, std::size_t byte) {
    problems.push_back({IngestProblem::Severity::Warning, std::move(source), line, byte,
                        std::move(reason), std::move(detail)});
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
