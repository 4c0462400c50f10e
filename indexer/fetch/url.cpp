#include "fetch/url.hpp"

#include <algorithm>
#include <cctype>

#include "util/ascii.hpp"

namespace parley::fetch {
namespace {

// The directory part of a path ("/a/b/c?x" -> "/a/b/").
std::string directory_of(const std::string& path) {
    const std::string without_query = path.substr(0, path.find('?'));
    return without_query.substr(0, without_query.rfind('/') + 1);
}

}  // namespace

std::string Url::origin() const { return scheme + "://" + host + (port.empty() ? "" : ":" + port); }

std::optional<Url> parse_url(std::string_view text) {
    text = util::trim_space(text);
    const auto colon = text.find("://");
    if (colon == std::string_view::npos) return std::nullopt;
    Url url;
    url.scheme = util::ascii_lower(text.substr(0, colon));
    if (url.scheme != "http" && url.scheme != "https") return std::nullopt;
    std::string_view rest = text.substr(colon + 3);
    const auto authority_end = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, authority_end);
    if (const auto at = authority.rfind('@'); at != std::string_view::npos)
        authority.remove_prefix(at + 1);  // user:password@ is not part of the host
    std::string_view host = authority;
    if (const auto port = authority.rfind(':');
        port != std::string_view::npos && authority.find(']') == std::string_view::npos) {
        host = authority.substr(0, port);
        url.port = std::string(authority.substr(port + 1));
        if (url.port.empty() || !std::all_of(url.port.begin(), url.port.end(),
                                             [](unsigned char c) { return std::isdigit(c); }))
            return std::nullopt;
        if ((url.scheme == "http" && url.port == "80") ||
            (url.scheme == "https" && url.port == "443"))
            url.port.clear();
    }
    if (host.empty() || host.find_first_of(" \t<>\"{}|\\^`") != std::string_view::npos)
        return std::nullopt;
    url.host = util::ascii_lower(host);
    std::string_view path =
        authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
    path = path.substr(0, path.find('#'));
    url.path = path.empty() || path.front() != '/' ? "/" + std::string(path) : std::string(path);
    return url;
}

std::optional<Url> resolve_url(const Url& base, std::string_view reference) {
    reference = util::trim_space(reference);
    reference = reference.substr(0, reference.find('#'));
    if (reference.empty()) return base;
    if (reference.find("://") != std::string_view::npos) return parse_url(reference);
    if (reference.rfind("//", 0) == 0) return parse_url(base.scheme + ":" + std::string(reference));
    Url out = base;
    if (reference.front() == '/') {
        out.path = std::string(reference);
    } else if (reference.front() == '?') {
        out.path = base.path.substr(0, base.path.find('?')) + std::string(reference);
    } else {
        if (const auto colon = reference.find(':');
            colon != std::string_view::npos && reference.find('/') > colon)
            return std::nullopt;  // another scheme: mailto:, javascript:
        out.path = directory_of(base.path) + std::string(reference);
    }
    return out;
}

}  // namespace parley::fetch
