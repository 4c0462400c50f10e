#include "storage/shard_address.hpp"

#include <cctype>
#include <filesystem>

namespace parley::storage {

bool is_tcp_address(const std::string& address) {
    return address.compare(0, kTcpScheme.size(), kTcpScheme) == 0;
}

std::optional<std::pair<std::string, unsigned>> tcp_host_port(const std::string& address) {
    if (!is_tcp_address(address)) return std::nullopt;
    const std::string host_port = address.substr(kTcpScheme.size());
    const auto colon = host_port.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == host_port.size())
        return std::nullopt;
    std::string host = host_port.substr(0, colon);
    if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    const std::string digits = host_port.substr(colon + 1);
    if (host.empty() || digits.size() > 5 ||
        digits.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    const unsigned port = static_cast<unsigned>(std::stoul(digits));
    if (port == 0 || port > 65535) return std::nullopt;
    return std::make_pair(host, port);
}

std::string address_identity(const std::string& address) {
    if (const auto host_port = tcp_host_port(address)) {
        auto [host, port] = *host_port;
        for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return "tcp://" + host + ":" + std::to_string(port);
    }
    std::error_code ec;
    const auto canonical = std::filesystem::weakly_canonical(address, ec);
    return (ec ? std::filesystem::absolute(address) : canonical).lexically_normal().string();
}

bool identity_inside(const std::string& inner, const std::string& outer) {
    if (is_tcp_address(inner) || is_tcp_address(outer) || inner.size() <= outer.size())
        return false;
    return inner.compare(0, outer.size(), outer) == 0 &&
           (outer.back() == '/' || inner[outer.size()] == '/');
}

}  // namespace parley::storage
