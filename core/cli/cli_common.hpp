#pragma once

#include <boost/program_options.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "parley/error.hpp"

namespace parley::cli {

namespace po = boost::program_options;

/// The index used when no --index is given: $PARLEY_INDEX, else
/// $XDG_DATA_HOME/parley/index, else ~/.local/share/parley/index.
std::string default_index_path();

/// Options every Parley command shares: --help, --version, --index.
void add_common_options(po::options_description& options, std::string& index_path);

/// Parses `args` against `options`, collecting bare arguments under the name `positional`
/// (none if empty). For --help prints `usage` and the options, for --version the versions,
/// and returns nullopt: the command is done. Throws po::error for usage errors.
std::optional<po::variables_map> parse_command_line(const std::vector<std::string>& args,
                                                    const po::options_description& options,
                                                    const std::string& positional,
                                                    const std::string& usage);

/// A usage error about one option, which the JSON error form names ("option": "--sort").
class OptionError : public po::error {
  public:
    OptionError(std::string option, const std::string& message)
        : po::error(message), option_(std::move(option)) {}
    const std::string& option() const { return option_; }

  private:
    std::string option_;
};

/// A query the searcher refused (a QueryError: an unknown field, an unreadable filter
/// value, text over the limit), reported as a usage error (exit 2) with "kind": "query".
class QueryUsageError : public po::error {
  public:
    using po::error::error;
};

/// Rethrows a UsageError a search or view threw as a usage error of the command line:
/// QueryUsageError for a QueryError, po::error for the rest.
[[noreturn]] void rethrow_as_usage(const UsageError& e);

/// What was asked for is not there (an article, a paragraph): exit 1, "kind": "not_found".
class NotFoundError : public Error {
  public:
    using Error::Error;
};

/// How a command reports a failure on stdout besides stderr: not at all, or as one JSON
/// object (indented, for --json; on one line, for --format ndjson).
enum class ErrorOutput { Text, Json, JsonLine };

/// What the command line asks for: Json when --json comes before any "--"; with
/// `format_option`, also --format json (Json) or ndjson (JsonLine). Read before the options
/// are parsed, so that a bad option is reported in the form asked for too.
ErrorOutput error_output_of(const std::vector<std::string>& args, bool format_option = false);

/// Runs a command body with the convention every Parley command follows: --help and
/// --version on stdout with exit 0; usage errors on stderr with exit 2; parley::Error
/// on stderr with exit_code_for(); anything else on stderr with exit 1. With `output`
/// Json or JsonLine, a failure also prints {"error", "exit", "kind", "option"} on stdout
/// (json_forms::cli_error), so that a script parsing stdout never reads nothing.
int run_command(const char* program, const std::function<int()>& body,
                ErrorOutput output = ErrorOutput::Text);

/// `one` for a count of 1, else `many`: "1 paragraph written", "2 paragraphs written".
inline const char* plural(std::uint64_t n, const char* one, const char* many) {
    return n == 1 ? one : many;
}

/// Human-readable byte count ("3.2 MB").
std::string format_bytes(double bytes);

}  // namespace parley::cli
