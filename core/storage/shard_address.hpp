#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace parley::storage {

/// The scheme of a shard served by Xapian's xapian-tcpsrv: "tcp://HOST:PORT".
inline constexpr std::string_view kTcpScheme = "tcp://";

/// Whether a shard address names a remote database (starts with tcp://).
bool is_tcp_address(const std::string& address);

/// HOST (brackets of an IPv6 literal taken off) and PORT of "tcp://HOST:PORT", or nullopt
/// when the address is malformed: no host, no port, a port outside 1-65535.
std::optional<std::pair<std::string, unsigned>> tcp_host_port(const std::string& address);

/// What identifies the database behind an address, so that two spellings of one compare
/// equal: tcp://host:port with the host in lower case, or the absolute path with symbolic
/// links and dot segments resolved. `address` must not be a malformed tcp:// address.
std::string address_identity(const std::string& address);

/// Whether the local database of identity `inner` lies inside the directory of identity
/// `outer` (a shard database of an index directory): as shards of one set, their articles
/// would count twice. False for tcp:// identities and for equal ones.
bool identity_inside(const std::string& inner, const std::string& outer);

}  // namespace parley::storage
