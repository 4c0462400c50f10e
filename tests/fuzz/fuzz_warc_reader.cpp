// WARC files, plain or gzip (records, HTTP headers, Content-Length, gzip members, encoded
// payloads): any bytes are read without a crash or hang, every delivered article is
// well-formed and within its limits, and every problem names the file or one of its records
// ("FILE#N") and is escaped and short.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_checks.hpp"
#include "readers/warc_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace parley;
    const std::string source = "fuzz.warc";
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    fuzz::Collector out(fuzz::limits_for(size));
    if (size % 3 == 0) out.limits.file_bytes = 4096;  // the per-record limit's paths too
    readers::read_warc(input, source, out.sink(), out.report, out.limits);
    IngestReport own;  // the file's own problems, held to a byte of the input
    for (const IngestProblem& p : out.report.problems) {
        if (p.source == source) {
            own.problems.push_back(p);
            continue;
        }
        // A page's problem: its lines and bytes are the page's, which may be inflated.
        PARLEY_FUZZ_CHECK(p.source.rfind(source + "#", 0) == 0, p.to_string());
        IngestProblem as_file = p;
        as_file.source = source;
        as_file.line = 0;
        as_file.byte = 0;
        own.problems.push_back(as_file);
    }
    fuzz::check_report(own, source, input);
    return 0;
}
