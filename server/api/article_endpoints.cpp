#include "api/article_endpoints.hpp"

#include <filesystem>
#include <sstream>

#include "http/api_error.hpp"
#include "http/json_response.hpp"
#include "http/request_params.hpp"
#include "parley/index_writer.hpp"
#include "readers/bounded_json.hpp"
#include "readers/jsonl_reader.hpp"
#include "render/json_renderer.hpp"
#include "service/credentials.hpp"
#include "util/utf8.hpp"

namespace parley::server {
namespace {

using json = nlohmann::ordered_json;

void require_token(const ApiContext& context, const httplib::Request& request,
                   httplib::Response& response) {
    const std::string& token = context.options().token;
    if (token.empty()) throw ApiError(403, "writes are disabled; start parley-serve with --token");
    const std::string header = request.get_header_value("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (header.compare(0, kBearer.size(), kBearer) != 0 ||
        !same_secret(header.substr(kBearer.size()), token)) {
        response.set_header("WWW-Authenticate", "Bearer");
        throw ApiError(401, header.empty() ? "writes need the header 'Authorization: Bearer TOKEN'"
                                           : "wrong token in the Authorization header");
    }
}

// Writing to a directory that holds no index must not create one.
void require_index(const std::string& path) {
    if (!std::filesystem::exists(path + "/XAPIANDB"))
        throw IndexMissingError(path + ": no Parley index there (it was removed?)");
}

IndexOptions writer_options(const ApiContext& context) {
    IndexOptions options;
    options.path = context.options().index_path;
    options.threads = 1;  // a few articles per request: no bulk build, no analysis threads
    return options;
}

json problem_json(const IngestProblem& p) {
    json j = json::object();
    if (p.line) j["article"] = p.line;  // position in the request, from 1
    j["severity"] = p.severity == IngestProblem::Severity::Skipped ? "skipped" : "warning";
    j["reason"] = p.reason;
    j["detail"] = p.detail;
    return j;
}

}  // namespace

void get_article(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                 const PathParams& path) {
    const QueryParams params(request, {"id"});
    const auto query_id = params.single("id");
    if (!path.empty() && query_id)
        throw ApiError(400, "give the article id in the path or as ?id=, not both");
    const std::string id = path.empty() ? query_id.value_or("") : path[0];
    if (id.empty()) throw ApiError(400, "give an article id: /articles/{id} or /articles?id=ID");
    const auto article =
        context.with_searcher([&](Searcher& searcher) { return searcher.article(id); });
    if (!article) throw ApiError(404, "no article with id '" + id + "'");
    json paragraphs = json::array();
    for (const ArticleParagraph& p : article->paragraphs) {
        paragraphs.push_back({{"paragraph", p.number},
                              {"text", p.text},
                              {"actors", p.actors},
                              {"actor_info", render::actor_info_json(p.actor_info)},
                              {"topics", p.topics},
                              {"topic_evidence", render::topic_evidence_json(p.topic_evidence)}});
    }
    json copies = json::array();
    for (const Republication& r : article->republished) {
        copies.push_back({{"article_id", r.article_id},
                          {"title", r.title},
                          {"source", r.source},
                          {"url", r.url},
                          {"date", r.date}});
    }
    send_json(response, 200,
              json{{"article_id", article->article_id},
                   {"title", article->title},
                   {"authors", article->authors},
                   {"date", article->date},
                   {"source", article->source},
                   {"url", article->url},
                   {"language", article->language},
                   {"paragraphs", std::move(paragraphs)},
                   {"republished", std::move(copies)}});
}

void post_articles(ApiContext& context, const httplib::Request& request,
                   httplib::Response& response, const PathParams&) {
    require_token(context, request, response);
    const QueryParams params(request, {});
    const std::string type = request.get_header_value("Content-Type");
    if (type.compare(0, 16, "application/json") != 0) {
        throw ApiError(415,
                       "send the articles as JSON with 'Content-Type: application/json' "
                       "(one article object, or an array of them)");
    }
    json body;
    readers::JsonRefusal refusal;
    const InputLimits limits;
    // Bounded by depth before anything is built: the articles are printed again below.
    if (!readers::parse_bounded_json(request.body, limits.depth, body, refusal)) {
        throw ApiError(400, "the body is not usable JSON: " + refusal.reason + " at byte " +
                                std::to_string(refusal.byte) + ": " +
                                util::printable(refusal.detail, 300));
    }
    if (!body.is_object() && !body.is_array())
        throw ApiError(400, "the body must be one article object or an array of them");
    if (body.is_object()) body = json::array({std::move(body)});
    if (body.empty()) throw ApiError(400, "the body is an empty array: no articles to add");

    // The JSON Lines reader checks the fields exactly as `parley-index` does for a .jsonl
    // file: one line per article, so a problem's line is the article's place in the request.
    std::string lines;
    for (const auto& article : body) lines += article.dump() + "\n";
    std::istringstream in(lines);
    IngestReport read_report;
    std::vector<Article> articles;
    readers::read_jsonl(
        in, "request",
        [&](Article&& article) {
            article.origin.clear();  // not from a file: never pruned as a deleted file
            articles.push_back(std::move(article));
        },
        read_report, limits);

    IngestReport report;
    {
        const std::lock_guard lock(context.write_mutex());
        require_index(context.options().index_path);
        IndexWriter writer(writer_options(context));
        for (auto& article : articles) writer.add(std::move(article));
        writer.commit();
        report = writer.report();
    }
    json problems = json::array();
    for (const auto& p : read_report.problems) problems.push_back(problem_json(p));
    for (const auto& p : report.problems) problems.push_back(problem_json(p));
    send_json(response, 200,
              json{{"new", report.articles_new},
                   {"updated", report.articles_replaced},
                   {"unchanged", report.articles_unchanged},
                   {"skipped", read_report.skipped() + report.skipped()},
                   {"problems", std::move(problems)}});
}

void delete_article(ApiContext& context, const httplib::Request& request,
                    httplib::Response& response, const PathParams& path) {
    const std::string& id = path.at(0);
    require_token(context, request, response);
    const QueryParams params(request, {});
    bool deleted = false;
    {
        const std::lock_guard lock(context.write_mutex());
        require_index(context.options().index_path);
        IndexWriter writer(writer_options(context));
        deleted = writer.remove(id);
        writer.commit();
    }
    if (!deleted) throw ApiError(404, "no article with id '" + id + "'");
    send_json(response, 200, json{{"deleted", true}, {"article_id", id}});
}

}  // namespace parley::server
