// Plain-text articles (header lines, paragraphs): any bytes are read
// without a crash, every delivered article is well-formed and within its limits,
// and every problem names the file, a line of it and a byte within it.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_checks.hpp"
#include "readers/text_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::string source = "fuzz.text";
    parley::fuzz::Collector out(parley::fuzz::limits_for(size));
    parley::readers::read_text(input, source, out.sink(), out.report, out.limits);
    parley::fuzz::check_report(out.report, source, input);
    return 0;
}
