// Web pages (charsets, the depth scan, gumbo, article extraction): any bytes are read
// without a crash, every delivered article is well-formed and within its limits,
// and every problem names the file, a line of it and a byte within it.

#include <cstddef>
#include <cstdint>
#include <utility>

#include "fuzz_checks.hpp"
#include "readers/html_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return parley::fuzz::read_checked(data, size, "fuzz.html", [](auto&&... args) {
        parley::readers::read_html(std::forward<decltype(args)>(args)...);
    });
}
