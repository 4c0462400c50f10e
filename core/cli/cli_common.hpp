#pragma once

#include <boost/program_options.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

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

/// Runs a command body with the convention every Parley command follows: --help and
/// --version on stdout with exit 0; usage errors on stderr with exit 2; parley::Error
/// on stderr with exit_code_for(); anything else on stderr with exit 1.
int run_command(const char* program, const std::function<int()>& body);

/// Human-readable byte count ("3.2 MB").
std::string format_bytes(double bytes);

}  // namespace parley::cli
