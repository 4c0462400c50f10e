#pragma once

#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley::server {

/// The secrets parley-serve checks: one write token (POST/DELETE /articles) and any number of
/// read keys. With no read key, reads are open to anyone who can reach the port; with one or
/// more, every API read needs `Authorization: Bearer KEY` (the write token reads too).
struct Credentials {
    std::string write_token;
    std::vector<std::string> read_keys;

    enum class Grant { None, Read, Write };
    /// What the request's `Authorization: Bearer …` header grants.
    Grant grant_of(const httplib::Request& request) const;
    bool reads_need_key() const { return !read_keys.empty(); }
};

/// The credentials of an `Authorization: Bearer …` header (the scheme in any case, as
/// RFC 9110 has it); nullopt for another scheme or no header.
std::optional<std::string_view> bearer_credentials(std::string_view header);

/// The 401 message for a write whose `Authorization` header (empty: none) lacks the token.
std::string write_refusal(const std::string& header);

/// Compares two secrets in time that depends only on their lengths.
bool same_secret(std::string_view given, std::string_view expected);

/// The secrets in a file, one per line; blank lines and lines starting with '#' are skipped.
/// Throws parley::UsageError naming FILE:LINE for a secret with spaces in it, and FILE for an
/// unreadable file or one with no secret. `what` names the secret in messages ("token").
std::vector<std::string> read_secrets_file(const std::string& path, std::string_view what);

/// Secrets from an environment variable's value, separated by commas or white space.
std::vector<std::string> split_secrets(std::string_view text);

}  // namespace parley::server
