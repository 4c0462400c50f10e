#include "service/credentials.hpp"

#include <sys/stat.h>

#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "parley/error.hpp"
#include "util/ascii.hpp"
#include "util/files.hpp"

namespace parley::server {

bool same_secret(std::string_view given, std::string_view expected) {
    if (expected.empty()) return false;
    unsigned char diff = given.size() == expected.size() ? 0 : 1;
    for (std::size_t i = 0; i < given.size(); ++i)
        diff |= static_cast<unsigned char>(given[i] ^ expected[i % expected.size()]);
    return diff == 0;
}

std::optional<std::string_view> bearer_credentials(std::string_view header) {
    constexpr std::string_view kBearer = "bearer ";
    if (util::ascii_lower(header.substr(0, kBearer.size())) != kBearer) return std::nullopt;
    return header.substr(kBearer.size());
}

std::string write_refusal(const std::string& header) {
    return header.empty() ? "writes need the header 'Authorization: Bearer TOKEN'"
                          : "wrong token in the Authorization header";
}

Credentials::Grant Credentials::grant_of(const httplib::Request& request) const {
    const std::string header = request.get_header_value("Authorization");
    const auto credentials = bearer_credentials(header);
    if (!credentials) return Grant::None;
    const std::string_view given = *credentials;
    if (same_secret(given, write_token)) return Grant::Write;
    // Every key is compared, so the time taken says nothing about which one matched.
    bool read = false;
    for (const auto& key : read_keys) read = same_secret(given, key) || read;
    return read ? Grant::Read : Grant::None;
}

std::vector<std::string> read_secrets_file(const std::string& path, std::string_view what) {
    std::string why;
    const std::optional<std::string> text = util::read_file(path, why);
    if (!text) throw UsageError(path + ": cannot read the " + std::string(what) + " file: " + why);
    std::istringstream in(*text);
    struct stat info {};
    if (stat(path.c_str(), &info) == 0 && (info.st_mode & S_IROTH))
        std::cerr << "parley-serve: warning: " << path
                  << " is readable by every user of this machine (chmod 600 it)\n";
    std::vector<std::string> out;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#') continue;
        const auto last = line.find_last_not_of(" \t\r");
        std::string secret = line.substr(first, last - first + 1);
        if (secret.find_first_of(" \t") != std::string::npos)
            throw UsageError(path + ":" + std::to_string(number) + ": a " + std::string(what) +
                             " cannot contain spaces");
        out.push_back(std::move(secret));
    }
    if (out.empty()) throw UsageError(path + ": no " + std::string(what) + " in the file");
    return out;
}

std::vector<std::string> split_secrets(std::string_view text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto start = text.find_first_not_of(", \t\n\r", at);
        if (start == std::string_view::npos) break;
        const auto end = std::min(text.find_first_of(", \t\n\r", start), text.size());
        out.emplace_back(text.substr(start, end - start));
        at = end;
    }
    return out;
}

}  // namespace parley::server
