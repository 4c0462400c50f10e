#include "writer/prepare_pool.hpp"

namespace parley::writer {

PreparePool::PreparePool(std::size_t threads, const PreparerFactory& make_preparer) {
    for (std::size_t i = 0; i < threads; ++i) {
        workers_.emplace_back(
            [this, preparer = make_preparer()]() mutable { run(std::move(preparer)); });
    }
}

PreparePool::~PreparePool() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_all();
    for (auto& worker : workers_) worker.join();
}

std::future<PreparedArticle> PreparePool::submit(Article article, ArticleKey key) {
    std::future<PreparedArticle> result;
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(Job{std::move(article), std::move(key), {}});
        result = jobs_.back().result.get_future();
    }
    ready_.notify_one();
    return result;
}

void PreparePool::run(std::unique_ptr<ArticlePreparer> preparer) {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty()) return;  // stopping and drained
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        try {
            job.result.set_value(preparer->prepare(std::move(job.article), std::move(job.key)));
        } catch (...) {
            job.result.set_exception(std::current_exception());
        }
    }
}

}  // namespace parley::writer
