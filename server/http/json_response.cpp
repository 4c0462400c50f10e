#include "http/json_response.hpp"

namespace parley::server {

void send_json(httplib::Response& response, int status, const nlohmann::ordered_json& body) {
    response.status = status;
    response.set_header("Cache-Control", "no-store");
    response.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                         "application/json; charset=utf-8");
}

void send_error(httplib::Response& response, int status, const std::string& message) {
    send_json(response, status, nlohmann::ordered_json{{"error", message}, {"status", status}});
}

}  // namespace parley::server
