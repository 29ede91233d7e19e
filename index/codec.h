// Codec: Briefing <-> Xapian document, with the prefixes and slots of index/schema.h.
//
// Document data layout, the one on-disk record of a briefing's content (since schema
// version 2). A compact binary record, because every search decodes ten of them: strings
// are a varint byte length then the bytes (stored as given; paths need not be UTF-8),
// counts are varints (index/varint.h):
//
//   byte 0x02                         record format
//   string id, string headline, string date ("2026-04-12" or ""), string date_source
//   count, then that many strings     paths
//   count paragraphs, each:           count sentences, each: string text, count, hosts
//
// Sentences are stored split, with their citations, so snippets and the briefing view
// never re-read or re-parse the file. (Schema version 1 stored the same fields as JSON.)
//
// Thread-safety: the free functions are pure. A DocumentBuilder holds a TermGenerator and
// must be used by one thread at a time; give each indexing thread its own (they may share
// one HostDictionary).
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "index/briefing.h"
#include "index/host_dictionary.h"

namespace briefings {

std::string encode_document_data(const Briefing& briefing);
// Throws std::runtime_error when the data is not a briefing record.
Briefing decode_document_data(const std::string& data);

// Drops a possessive "'s" or "’s" ending a word ("OpenAI’s" -> "OpenAI"), so the word is
// found by its plain form even where the query parser does not stem (capitalised words).
// Applied to text before indexing and to queries before parsing.
std::string fold_possessive(std::string_view text);

class DocumentBuilder {
 public:
  // `hosts` is the dictionary of the database the documents go into; it numbers their
  // hosts and must outlive the builder.
  explicit DocumentBuilder(HostDictionary& hosts);
  // Builds the whole document: terms, values and data. `briefing.id` must be set. With
  // `spelling_words`, also sets it to what spelling_words(briefing) returns, from the same
  // pass over the text.
  Xapian::Document build(const Briefing& briefing,
                         std::vector<std::string>* spelling_words = nullptr);
  // The distinct words of the headline and body that feed the spelling data: lower-cased,
  // unstemmed, 3 to 32 bytes, sorted. The document's own terms are stems, so they can't.
  std::vector<std::string> spelling_words(const Briefing& briefing);

 private:
  class WordRecorder;  // the stemmer, which sees every word before it becomes a stem
  void index_text(const Briefing& briefing, Xapian::Document& doc,
                  std::vector<std::string>* spelling_words);

  HostDictionary& hosts_;
  Xapian::TermGenerator term_generator_;
  WordRecorder* recorder_;  // owned by term_generator_'s stemmer
};

}  // namespace briefings
