#include "fetch/crawl_state.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fetch/url.hpp"
#include "parley/error.hpp"

namespace parley::fetch {

CrawlState CrawlState::load(const std::string& path, IngestReport& report) {
    CrawlState state;
    state.path_ = path;
    if (path.empty()) return state;
    std::ifstream in(path, std::ios::binary);
    if (!in) return state;  // a first run
    std::stringstream text;
    text << in.rdbuf();
    try {
        const auto doc = nlohmann::json::parse(text.str());
        for (const auto& [url, s] : doc.at("urls").items()) {
            UrlState u;
            u.etag = s.value("etag", "");
            u.last_modified = s.value("last_modified", "");
            u.body_hash = s.value("body_hash", "");
            u.status = s.value("status", 0L);
            u.fetched_at = s.value("fetched_at", "");
            u.links = s.value("links", std::vector<std::string>{});
            u.read_as = s.value("read_as", "");
            u.article_id = s.value("article_id", "");
            u.gone = s.value("gone", 0L);
            state.urls_[url] = std::move(u);
        }
        state.rekey();
    } catch (const nlohmann::json::exception& e) {
        report.warn(path, 0, "unreadable crawl state",
                    std::string(e.what()) + "; every URL is fetched in full this time");
        state.urls_.clear();
    }
    return state;
}

void CrawlState::rekey() {
    std::map<std::string, UrlState> rekeyed;
    for (auto& [url, s] : urls_) {
        const auto parsed = parse_url(url);
        const std::string key = parsed ? parsed->str() : url;
        // The entry under the URL as it is now spelled wins over its older spellings.
        if (key == url || !urls_.count(key)) rekeyed.try_emplace(key, std::move(s));
    }
    urls_ = std::move(rekeyed);
}

void CrawlState::save() const {
    if (path_.empty()) return;
    nlohmann::ordered_json urls = nlohmann::ordered_json::object();
    for (const auto& [url, s] : urls_) {
        urls[url] = {{"etag", s.etag},
                     {"last_modified", s.last_modified},
                     {"body_hash", s.body_hash},
                     {"status", s.status},
                     {"fetched_at", s.fetched_at}};
        if (!s.links.empty()) urls[url]["links"] = s.links;
        if (!s.read_as.empty()) urls[url]["read_as"] = s.read_as;
        if (!s.article_id.empty()) urls[url]["article_id"] = s.article_id;
        if (s.gone != 0) urls[url]["gone"] = s.gone;
    }
    const std::string text = nlohmann::ordered_json{{"version", 1}, {"urls", std::move(urls)}}.dump(
                                 1, ' ', false, nlohmann::json::error_handler_t::replace) +
                             "\n";
    const std::string temporary = path_ + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw IndexIoError(temporary + ": cannot write the crawl state: " + std::strerror(errno));
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0) {
            ::close(fd);
            throw IndexIoError(temporary +
                               ": cannot write the crawl state: " + std::strerror(errno));
        }
        done += static_cast<std::size_t>(n);
    }
    ::fsync(fd);
    ::close(fd);
    if (std::rename(temporary.c_str(), path_.c_str()) != 0)
        throw IndexIoError(path_ + ": cannot replace the crawl state: " + std::strerror(errno));
}

const UrlState* CrawlState::find(const std::string& url) const {
    const auto it = urls_.find(url);
    return it == urls_.end() ? nullptr : &it->second;
}

std::set<std::string> CrawlState::article_ids() const {
    std::set<std::string> ids;
    for (const auto& [url, state] : urls_)
        if (!state.article_id.empty()) ids.insert(state.article_id);
    return ids;
}

bool CrawlState::id_claimed_by_another(const std::string& id, const std::string& url) const {
    return std::any_of(urls_.begin(), urls_.end(), [&](const auto& entry) {
        return entry.first != url && entry.second.article_id == id;
    });
}

}  // namespace parley::fetch
