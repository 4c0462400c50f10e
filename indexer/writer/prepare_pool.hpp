#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "writer/article_preparer.hpp"

namespace parley::writer {

/// Threads that turn articles into Xapian documents ahead of the single writer.
/// Results come back as futures in submission order, so docids stay deterministic.
class PreparePool {
  public:
    using PreparerFactory = std::function<std::unique_ptr<ArticlePreparer>()>;

    PreparePool(std::size_t threads, const PreparerFactory& make_preparer);
    ~PreparePool();
    PreparePool(const PreparePool&) = delete;
    PreparePool& operator=(const PreparePool&) = delete;

    std::future<PreparedArticle> submit(Article article, ArticleKey key);
    std::size_t threads() const { return workers_.size(); }

  private:
    struct Job {
        Article article;
        ArticleKey key;
        std::promise<PreparedArticle> result;
    };
    void run(std::unique_ptr<ArticlePreparer> preparer);

    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Job> jobs_;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

}  // namespace parley::writer
