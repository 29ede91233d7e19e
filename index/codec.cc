#include "index/codec.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <unordered_map>

#include "index/host_names.h"
#include "index/schema.h"
#include "index/varint.h"

namespace briefings {

namespace {

std::string prefixed(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  return term.append(value);
}

bool is_ascii_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

}  // namespace

std::string fold_possessive(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t len = 0;
    if (text[i] == '\'') {
      len = 1;
    } else if (text.compare(i, 3, "\xE2\x80\x99") == 0) {
      len = 3;
    }
    if (len && i > 0 && is_ascii_word_byte(static_cast<unsigned char>(text[i - 1])) &&
        i + len < text.size() && (text[i + len] == 's' || text[i + len] == 'S') &&
        (i + len + 1 == text.size() ||
         !is_ascii_word_byte(static_cast<unsigned char>(text[i + len + 1])))) {
      i += len + 1;
      continue;
    }
    out += text[i++];
  }
  return out;
}

namespace {

constexpr char kRecordFormat = 0x02;

void put_count(std::string& out, size_t n) {
  schema::append_varint(out, n);
}

void put_string(std::string& out, std::string_view s) {
  put_count(out, s.size());
  out.append(s);
}

// Reads a record, refusing anything truncated, overlong or with impossible counts.
class RecordReader {
 public:
  explicit RecordReader(std::string_view data) : data_(data) {}

  size_t count() {
    uint64_t n = 0;
    if (!schema::read_varint(data_, pos_, n))
      fail(pos_ >= data_.size() ? "truncated" : "overlong number");
    // Every counted item takes at least one byte, so a larger count is corrupt.
    if (n > data_.size() - pos_ + 1) fail("count past the end");
    return static_cast<size_t>(n);
  }

  std::string string() {
    size_t n = count();
    if (n > data_.size() - pos_) fail("string past the end");
    std::string s(data_.substr(pos_, n));
    pos_ += n;
    return s;
  }

  char byte() {
    if (pos_ >= data_.size()) fail("truncated");
    return data_[pos_++];
  }

  bool at_end() const { return pos_ == data_.size(); }

  [[noreturn]] static void fail(const char* why) {
    throw std::runtime_error(std::string("document data is not a briefing record: ") + why);
  }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace

std::string encode_document_data(const Briefing& b) {
  std::string out;
  out.reserve(256 + b.headline.size() + 64 * b.paragraphs.size());
  out += kRecordFormat;
  put_string(out, b.id);
  put_string(out, b.headline);
  put_string(out, b.date.iso());
  put_string(out, to_string(b.date_source));
  put_count(out, b.paths.size());
  for (const auto& path : b.paths) put_string(out, path);
  put_count(out, b.paragraphs.size());
  for (const auto& p : b.paragraphs) {
    put_count(out, p.sentences.size());
    for (const auto& s : p.sentences) {
      put_string(out, s.text);
      put_count(out, s.hosts.size());
      for (const auto& host : s.hosts) put_string(out, host);
    }
  }
  return out;
}

Briefing decode_document_data(const std::string& data) {
  RecordReader in(data);
  if (in.byte() != kRecordFormat) RecordReader::fail("unknown record format");
  Briefing b;
  b.id = in.string();
  b.headline = in.string();
  if (auto d = Date::parse_iso(in.string())) b.date = *d;
  b.date_source = date_source_from_string(in.string()).value_or(DateSource::none);
  b.paths.resize(in.count());
  for (auto& path : b.paths) path = in.string();
  b.paragraphs.resize(in.count());
  for (auto& p : b.paragraphs) {
    p.sentences.resize(in.count());
    for (auto& s : p.sentences) {
      s.text = in.string();
      s.hosts.resize(in.count());
      for (auto& host : s.hosts) host = in.string();
    }
  }
  if (!in.at_end()) RecordReader::fail("bytes after the record");
  return b;
}

// The English stemmer, noting each word it is given. With STEM_ALL the TermGenerator stems
// every word it indexes, so the words it passes here are exactly the unstemmed words of the
// text, and the spelling data needs no second tokenising pass over the same text. Adding
// and removing a document's spelling words thereby also go through the same code.
//
// It also remembers the stems it has made. The TermGenerator asks for a stem at every
// occurrence of a word, and Snowball's English stemmer was a tenth of a one-thread build;
// words in news text repeat (a few thousand cover most occurrences), so a lookup answers
// most calls. A stem depends only on the word, so the cache cannot change a term. It stops
// growing at kMaxCachedStems words, which bounds its memory for each indexing thread.
class DocumentBuilder::WordRecorder : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override {
    if (words_ && word.size() >= 3 && word.size() <= 32) words_->push_back(word);
    auto known = stems_.find(word);
    if (known != stems_.end()) return known->second;
    std::string stem = english_(word);
    if (stems_.size() < kMaxCachedStems) stems_.emplace(word, stem);
    return stem;
  }
  std::string get_description() const override { return "english, recording words"; }
  // Words go to `words` (nullptr: nowhere) until the next call.
  void record_into(std::vector<std::string>* words) { words_ = words; }

 private:
  static constexpr size_t kMaxCachedStems = 100000;  // ~10 MiB of short strings

  Xapian::Stem english_{"english"};
  std::unordered_map<std::string, std::string> stems_;
  std::vector<std::string>* words_ = nullptr;
};

DocumentBuilder::DocumentBuilder(HostDictionary& hosts)
    : hosts_(hosts), recorder_(new WordRecorder) {
  term_generator_.set_stemmer(Xapian::Stem(recorder_));
  term_generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
}

void DocumentBuilder::index_text(const Briefing& b, Xapian::Document& doc,
                                 std::vector<std::string>* spelling_words) {
  namespace s = schema;
  if (spelling_words) spelling_words->clear();
  recorder_->record_into(spelling_words);
  term_generator_.set_document(doc);
  std::string headline = fold_possessive(b.headline);
  term_generator_.index_text(headline, 1, std::string(s::kHeadlinePrefix));
  term_generator_.increase_termpos(s::kPositionGap);
  term_generator_.index_text(headline, s::kHeadlineWeight);
  for (const auto& p : b.paragraphs) {
    term_generator_.increase_termpos(s::kPositionGap);
    for (const auto& sentence : p.sentences) {
      term_generator_.index_text(fold_possessive(sentence.text));
    }
  }
  recorder_->record_into(nullptr);
  if (spelling_words) {
    std::sort(spelling_words->begin(), spelling_words->end());
    spelling_words->erase(std::unique(spelling_words->begin(), spelling_words->end()),
                          spelling_words->end());
  }
}

std::vector<std::string> DocumentBuilder::spelling_words(const Briefing& b) {
  std::vector<std::string> words;
  Xapian::Document scratch;
  index_text(b, scratch, &words);
  return words;
}

Xapian::Document DocumentBuilder::build(const Briefing& b,
                                        std::vector<std::string>* spelling_words) {
  namespace s = schema;
  Xapian::Document doc;
  index_text(b, doc, spelling_words);

  doc.add_boolean_term(prefixed(s::kIdPrefix, b.id));
  for (const auto& host : b.hosts()) {
    for (const auto& h : s::host_and_parents(host)) {
      doc.add_boolean_term(prefixed(s::kHostPrefix, h));
    }
  }
  doc.add_value(s::kHostsSlot, hosts_.encode(b.hosts()));

  if (b.date.valid()) {
    std::string compact = b.date.compact();
    doc.add_boolean_term(prefixed(s::kYearPrefix, compact.substr(0, 4)));
    doc.add_boolean_term(prefixed(s::kMonthPrefix, compact.substr(0, 6)));
    doc.add_boolean_term(prefixed(s::kDayPrefix, compact));
    doc.add_value(s::kDateSlot, compact);
    doc.add_value(s::kMonthSlot, b.date.iso().substr(0, 7));
  }
  doc.add_boolean_term(prefixed(s::kDateSourcePrefix, to_string(b.date_source)));
  doc.set_data(encode_document_data(b));
  return doc;
}

}  // namespace briefings
