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

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool unreserved(unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

// RFC 3986, 5.2.4: "/a/./b/../c" -> "/a/c"; never above the root.
std::string remove_dot_segments(std::string_view in) {
    std::string out;
    while (!in.empty()) {
        if (in.starts_with("../")) {
            in.remove_prefix(3);
        } else if (in.starts_with("./")) {
            in.remove_prefix(2);
        } else if (in.starts_with("/./")) {
            in.remove_prefix(2);
        } else if (in == "/.") {
            in = "/";
        } else if (in.starts_with("/../") || in == "/..") {
            in = in.size() == 3 ? std::string_view("/") : in.substr(3);
            const auto slash = out.rfind('/');
            out.erase(slash == std::string::npos ? 0 : slash);
        } else if (in == "." || in == "..") {
            in = {};
        } else {
            const auto next = in.find('/', 1);
            const std::string_view segment = in.substr(0, next);
            out += segment;
            in.remove_prefix(segment.size());
        }
    }
    return out;
}

// The query without the parameters that only say where a reader came from: the same page
// linked from a newsletter and from a feed must be one article. The others keep their order.
std::string without_tracking(std::string_view query) {
    std::string out;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view param = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (param.empty() || is_tracking_parameter(param.substr(0, param.find('=')))) continue;
        if (!out.empty()) out += '&';
        out += param;
    }
    return out;
}

// A path with its query in canonical form, so that robots.txt is checked against what is
// requested and one page has one address: dot segments removed, characters a URL may not
// hold percent-encoded, unreserved ones decoded, tracking parameters and an empty query
// dropped.
std::string canonical_path(std::string_view path) {
    const std::string encoded = normalize_percent_encoding(path);
    const auto query = encoded.find('?');
    std::string out = remove_dot_segments(std::string_view(encoded).substr(0, query));
    if (out.empty() || out.front() != '/') out.insert(out.begin(), '/');
    if (query != std::string::npos) {
        const std::string kept = without_tracking(std::string_view(encoded).substr(query + 1));
        if (!kept.empty()) out += "?" + kept;
    }
    return out;
}

// A host without a leading "www.", "m.", "amp." or "mobile.": the same site's desktop,
// mobile and AMP pages.
std::string_view site_host(std::string_view host) {
    for (const std::string_view prefix : {"www.", "m.", "amp.", "mobile."})
        if (host.starts_with(prefix) && host.size() > prefix.size())
            return host.substr(prefix.size());
    return host;
}

}  // namespace

std::string normalize_percent_encoding(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
            hex_value(text[i + 2]) >= 0) {
            const auto decoded =
                static_cast<unsigned char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            if (unreserved(decoded)) {
                out += static_cast<char>(decoded);
            } else {
                out += '%';
                out += kHex[decoded >> 4];
                out += kHex[decoded & 15];
            }
            i += 2;
        } else if (c <= ' ' || c >= 0x7F || c == '%' || c == '"' || c == '<' || c == '>' ||
                   c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}') {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

bool is_tracking_parameter(std::string_view name) {
    const std::string n = util::ascii_lower(name);
    if (n.starts_with("utm_")) return true;
    for (const std::string_view t : {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid",
                                     "yclid", "twclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl"})
        if (n == t) return true;
    return false;
}

bool same_site(const Url& a, const Url& b) {
    const std::string_view x = site_host(a.host), y = site_host(b.host);
    if (x == y) return true;
    const auto under = [](std::string_view sub, std::string_view site) {
        return sub.size() > site.size() && sub.ends_with(site) &&
               sub[sub.size() - site.size() - 1] == '.';
    };
    return under(x, y) || under(y, x);
}

std::string article_address(std::string_view declared, const Url& fetched) {
    // A site's home page named by a page that is not one is a template's mistake (every
    // article "canonical" to "/"): taken, it would make the whole site one article.
    if (const auto named = parse_url(declared);
        named && same_site(*named, fetched) && (named->path != "/" || fetched.path == "/"))
        return named->str();
    return fetched.str();
}

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
    url.path = canonical_path(path.substr(0, path.find('#')));
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
        out.path = canonical_path(reference);
    } else if (reference.front() == '?') {
        out.path =
            canonical_path(base.path.substr(0, base.path.find('?')) + std::string(reference));
    } else {
        if (const auto colon = reference.find(':');
            colon != std::string_view::npos && reference.find('/') > colon)
            return std::nullopt;  // another scheme: mailto:, javascript:
        out.path = canonical_path(directory_of(base.path) + std::string(reference));
    }
    return out;
}

}  // namespace parley::fetch
