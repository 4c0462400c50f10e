#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

namespace parley::server {

/// Answers with `body` as JSON (UTF-8; invalid sequences replaced, never an exception) and
/// `Cache-Control: no-store`: API answers reflect the index of the moment.
void send_json(httplib::Response& response, int status, const nlohmann::ordered_json& body);

/// Answers with the API's one error form: {"error": message, "status": status}.
void send_error(httplib::Response& response, int status, const std::string& message);

}  // namespace parley::server
