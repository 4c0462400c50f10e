#include "cli/cli_common.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <typeinfo>

#include "json/json_forms.hpp"
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

ErrorOutput error_output_of(const std::vector<std::string>& args, bool format_option) {
    ErrorOutput out = ErrorOutput::Text;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") break;
        if (a == "--json") out = ErrorOutput::Json;
        if (!format_option) continue;
        std::string format;
        if (a.rfind("--format=", 0) == 0) format = a.substr(9);
        if ((a == "--format" || a == "-f") && i + 1 < args.size()) format = args[++i];
        if (format == "json") out = ErrorOutput::Json;
        if (format == "ndjson") out = ErrorOutput::JsonLine;
    }
    return out;
}

namespace {

// The "kind" of the JSON error form: which exception class stopped the command.
std::string error_kind(const Error& e) {
    if (dynamic_cast<const NotFoundError*>(&e)) return "not_found";
    if (dynamic_cast<const QueryError*>(&e)) return "query";
    if (dynamic_cast<const UsageError*>(&e)) return "usage";
    if (dynamic_cast<const InputError*>(&e)) return "input";
    if (dynamic_cast<const IndexMissingError*>(&e)) return "index_missing";
    if (dynamic_cast<const IndexLockedError*>(&e)) return "index_locked";
    if (dynamic_cast<const IndexMismatchError*>(&e)) return "index_mismatch";
    if (dynamic_cast<const IndexIoError*>(&e)) return "index_io";
    if (dynamic_cast<const ShardUnavailableError*>(&e)) return "shard_unavailable";
    return "error";
}

// The option a usage error is about, when it is known: an OptionError's, Boost's own, or
// the one a message in the programs' "--sort must be ..." form starts with.
std::string option_of(const po::error& e) {
    if (const auto* ours = dynamic_cast<const OptionError*>(&e)) return ours->option();
    if (const auto* boost = dynamic_cast<const po::error_with_option_name*>(&e))
        return boost->get_option_name();
    const std::string message = e.what();
    if (message.rfind("--", 0) != 0) return {};
    const auto end = message.find_first_not_of("abcdefghijklmnopqrstuvwxyz-", 2);
    return end != std::string::npos && message[end] == ' ' ? message.substr(0, end) : "";
}

}  // namespace

void rethrow_as_usage(const UsageError& e) {
    if (dynamic_cast<const QueryError*>(&e)) throw QueryUsageError(e.what());
    throw po::error(e.what());
}

int run_command(const char* program, const std::function<int()>& body, ErrorOutput output) {
    std::string message, kind, option;
    int exit_code = 1;
    try {
        return body();
    } catch (const po::error& e) {
        std::cerr << program << ": " << e.what() << "\n(try " << program << " --help)\n";
        message = e.what();
        kind = dynamic_cast<const QueryUsageError*>(&e) ? "query" : "usage";
        option = option_of(e);
        exit_code = 2;
    } catch (const Error& e) {
        std::cerr << program << ": " << e.what() << "\n";
        message = e.what();
        kind = error_kind(e);
        exit_code = exit_code_for(e);
    } catch (const std::exception& e) {
        std::cerr << program << ": internal error: " << e.what() << "\n";
        message = std::string("internal error: ") + e.what();
        kind = "internal";
    }
    if (output != ErrorOutput::Text) {
        std::cout << json_forms::print(json_forms::cli_error(message, exit_code, kind, option),
                                       output == ErrorOutput::Json ? 2 : -1)
                  << std::endl;
    }
    return exit_code;
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
