// What the searcher decodes from an index: paragraph records (document data), article
// records (metadata) and token streams (value slot). The first byte picks the decoder.
//   0  ParagraphRecord::decode  any bytes: a record or IndexIoError, and a record only for
//                               exactly the bytes encode() writes for it (nothing misread,
//                               nothing ignored; a record of the older version 4 only for
//                               bytes that read back the same once written as today's);
//                               article_id_in() agrees with it
//   1  ArticleRecord::decode    the same
//   2  PhraseCheck::check       a stream of any bytes, a phrase of up to 4 terms from the
//                               bytes: an answer, never a read past the stream
//   3  encode_token_stream      the paragraph's words from the bytes: every phrase of
//                               words of the paragraph is found exactly where it occurs

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_checks.hpp"
#include "parley/error.hpp"
#include "schema/paragraph_record.hpp"
#include "schema/token_stream.hpp"

namespace {

using parley::schema::ArticleRecord;
using parley::schema::ParagraphRecord;
using parley::schema::PhraseCheck;

void paragraph_record(std::string_view data) {
    ParagraphRecord record;
    try {
        record = ParagraphRecord::decode(data);
    } catch (const parley::IndexIoError&) {
        return;
    }
    if (data.front() == 4)  // version 4 is read, never written
        PARLEY_FUZZ_CHECK(ParagraphRecord::decode(record.encode()) == record, data);
    else
        PARLEY_FUZZ_CHECK(record.encode() == data, data);
    PARLEY_FUZZ_CHECK(ParagraphRecord::article_id_in(data) == record.article_id, data);
}

void article_record(std::string_view data) {
    ArticleRecord record;
    try {
        record = ArticleRecord::decode(data);
    } catch (const parley::IndexIoError&) {
        return;
    }
    PARLEY_FUZZ_CHECK(record.encode() == data, data);
}

std::vector<std::string> words_of(std::string_view text, std::size_t max_words) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size() && out.size() < max_words) {
        const std::size_t end = std::min(text.find(' ', start), text.size());
        out.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

void phrase_check(std::string_view data) {
    // "terms|stream": up to 4 terms, then the stream.
    const std::size_t bar = data.find('|');
    if (bar == std::string_view::npos) return;
    const std::vector<std::string> terms = words_of(data.substr(0, bar), 4);
    PhraseCheck(terms).check(data.substr(bar + 1));
}

bool occurs(const std::vector<std::string>& words, const std::vector<std::string>& phrase) {
    return std::search(words.begin(), words.end(), phrase.begin(), phrase.end()) != words.end();
}

void token_stream(std::string_view data) {
    // Words of the paragraph, separated by spaces; a second part after '|' picks phrases.
    const std::size_t bar = std::min(data.find('|'), data.size());
    const std::vector<std::string> words = words_of(data.substr(0, bar), 4096);
    const std::vector<std::string_view> views(words.begin(), words.end());
    const std::string stream = parley::schema::encode_token_stream(views);
    if (stream.size() >= 1 && stream[0] == 0) return;  // no codes: the text is re-analysed

    // Every run of words of the paragraph is found...
    for (std::size_t from = 0; from < words.size() && from < 64; ++from) {
        for (std::size_t n = 1; n <= 4 && from + n <= words.size(); ++n) {
            const std::vector<std::string> phrase(words.begin() + from, words.begin() + from + n);
            PARLEY_FUZZ_CHECK(PhraseCheck(phrase).check(stream) == PhraseCheck::Result::Match,
                              data);
        }
    }
    // ...and a phrase of its words that does not occur is not: each byte after '|' picks a
    // word.
    std::vector<std::string> phrase;
    for (std::size_t i = bar + 1; i < data.size() && phrase.size() < 6 && !words.empty(); ++i)
        phrase.push_back(words[static_cast<unsigned char>(data[i]) % words.size()]);
    if (phrase.empty()) return;
    const bool found = PhraseCheck(phrase).check(stream) == PhraseCheck::Result::Match;
    PARLEY_FUZZ_CHECK(found == occurs(words, phrase), data);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 4) {
        case 0:
            paragraph_record(rest);
            break;
        case 1:
            article_record(rest);
            break;
        case 2:
            phrase_check(rest);
            break;
        default:
            token_stream(rest);
            break;
    }
    return 0;
}
