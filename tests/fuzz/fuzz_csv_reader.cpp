// CSV files with a header row (quoted fields, embedded newlines, separators): any bytes are read
// without a crash, every delivered article is well-formed and within its limits,
// and every problem names the file, a line of it and a byte within it.

#include <cstddef>
#include <cstdint>
#include <utility>

#include "fuzz_checks.hpp"
#include "readers/csv_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return parley::fuzz::read_checked(data, size, "fuzz.csv", [](auto&&... args) {
        parley::readers::read_csv(std::forward<decltype(args)>(args)...);
    });
}
