#pragma once

#include <httplib.h>

#include <string>

namespace parley::server {

/// Answers with `body`, a JSON text from parley/json_forms.hpp, and `Cache-Control:
/// no-store`: API answers reflect the index of the moment.
void send_json(httplib::Response& response, int status, std::string body);

/// Answers with the API's one error form: {"error": message, "status": status}.
void send_error(httplib::Response& response, int status, const std::string& message);

}  // namespace parley::server
