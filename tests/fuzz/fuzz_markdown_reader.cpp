// Markdown articles (YAML front matter, CommonMark body): any bytes are read
// without a crash, every delivered article is well-formed and within its limits,
// and every problem names the file, a line of it and a byte within it.

#include <cstddef>
#include <cstdint>
#include <utility>

#include "fuzz_checks.hpp"
#include "readers/markdown_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return parley::fuzz::read_checked(data, size, "fuzz.markdown", [](auto&&... args) {
        parley::readers::read_markdown(std::forward<decltype(args)>(args)...);
    });
}
