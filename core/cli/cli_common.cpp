#include "cli/cli_common.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <typeinfo>

#include "parley/error.hpp"
#include "parley/version.hpp"

namespace parley::cli {

std::string default_index_path() {
    if (const char* env = std::getenv("PARLEY_INDEX"); env && *env) return env;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::string(xdg) + "/parley/index";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.local/share/parley/index";
    return "parley-index.db";
}

void add_common_options(po::options_description& options, std::string& index_path) {
    // clang-format off
    options.add_options()
        ("help,h", "show this help and exit")
        ("version,V", "show versions of Parley, Xapian and ICU and exit")
        ("index,i", po::value<std::string>(&index_path)->default_value(default_index_path()),
         "index directory (default: $PARLEY_INDEX or ~/.local/share/parley/index)");
    // clang-format on
}

namespace {

// Boost reads "-1" into an unsigned option as its largest value, so "-n -1" asked for
// 18446744073709551615 hits and "--retries -1" for endless retries: refused, naming it.
void refuse_negative_counts(const po::parsed_options& parsed, const po::variables_map& vm) {
    for (const po::option& o : parsed.options) {
        if (o.string_key.empty() || !vm.count(o.string_key)) continue;
        const std::type_info& type = vm[o.string_key].value().type();
        const bool unsigned_count = type == typeid(unsigned) || type == typeid(unsigned long) ||
                                    type == typeid(unsigned long long);
        if (!unsigned_count) continue;
        for (const std::string& value : o.value) {
            if (!value.empty() && value.front() == '-') {
                throw po::error("the argument ('" + value + "') for option '--" + o.string_key +
                                "' is invalid: give a number of 0 or more");
            }
        }
    }
}

}  // namespace

std::optional<po::variables_map> parse_command_line(const std::vector<std::string>& args,
                                                    const po::options_description& options,
                                                    const std::string& positional,
                                                    const std::string& usage) {
    po::options_description all;
    all.add(options);
    po::positional_options_description positions;
    if (!positional.empty()) {
        all.add_options()(positional.c_str(), po::value<std::vector<std::string>>(), "");
        positions.add(positional.c_str(), -1);
    }
    po::variables_map vm;
    const po::parsed_options parsed =
        po::command_line_parser(args).options(all).positional(positions).run();
    po::store(parsed, vm);
    refuse_negative_counts(parsed, vm);
    if (vm.count("help")) {
        std::cout << usage << "\n" << options;
        return std::nullopt;
    }
    if (vm.count("version")) {
        std::cout << version_details() << "\n";
        return std::nullopt;
    }
    po::notify(vm);
    return vm;
}

int run_command(const char* program, const std::function<int()>& body) {
    try {
        return body();
    } catch (const po::error& e) {
        std::cerr << program << ": " << e.what() << "\n(try " << program << " --help)\n";
        return 2;
    } catch (const Error& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return exit_code_for(e);
    } catch (const std::exception& e) {
        std::cerr << program << ": internal error: " << e.what() << "\n";
        return 1;
    }
}

std::string format_bytes(double bytes) {
    const char* units[] = {"B", "KB", "MB", "GB", "TB"};
    int unit = 0;
    while (bytes >= 1000 && unit < 4) {
        bytes /= 1000;
        ++unit;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, unit == 0 ? "%.0f %s" : "%.1f %s", bytes, units[unit]);
    return buf;
}

}  // namespace parley::cli
