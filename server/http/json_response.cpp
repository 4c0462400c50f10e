#include "http/json_response.hpp"

#include "parley/json_forms.hpp"

namespace parley::server {

void send_json(httplib::Response& response, int status, std::string body) {
    response.status = status;
    response.set_header("Cache-Control", "no-store");
    response.set_content(std::move(body), "application/json; charset=utf-8");
}

void send_error(httplib::Response& response, int status, const std::string& message) {
    send_json(response, status, error_json(message, status));
}

}  // namespace parley::server
