#include "searcher/stop_words.h"

#include <algorithm>
#include <array>

namespace briefings {

namespace {

// Where the list comes from: our own, written for this project. It holds the English
// function words (articles and determiners, personal, possessive and relative pronouns,
// question words, forms of "be", "have" and "do", modal verbs and their negations,
// prepositions, conjunctions, and a handful of adverbs that only place or stress), the
// closed classes every grammar lists, and nothing else: no content word, however frequent
// ("said", "market", "year"), since a briefing about them must still rank by them. It is
// shorter than the classic stop lists of information retrieval (van Rijsbergen's, Snowball's
// English list), which also drop some content words. Sorted, for binary search.
constexpr std::array<std::string_view, 181> kStopWords = {
    "a",         "about",   "above",   "across",   "after",      "again",      "against",
    "all",       "along",   "also",    "although", "am",         "among",      "an",
    "and",       "another", "any",     "are",      "aren't",     "around",     "as",
    "at",        "be",      "because", "been",     "before",     "behind",     "being",
    "below",     "beneath", "beside",  "between",  "beyond",     "both",       "but",
    "by",        "can",     "can't",   "cannot",   "could",      "couldn't",   "did",
    "didn't",    "do",      "does",    "doesn't",  "doing",      "don't",      "down",
    "during",    "each",    "either",  "every",    "except",     "few",        "for",
    "from",      "had",     "hadn't",  "has",      "hasn't",     "have",       "haven't",
    "having",    "he",      "her",     "here",     "hers",       "herself",    "him",
    "himself",   "his",     "how",     "i",        "if",         "in",         "inside",
    "into",      "is",      "isn't",   "it",       "its",        "itself",     "just",
    "many",      "may",     "me",      "might",    "mine",       "more",       "most",
    "much",      "must",    "my",      "myself",   "near",       "neither",    "no",
    "nor",       "not",     "of",      "off",      "on",         "only",       "onto",
    "or",        "other",   "ought",   "our",      "ours",       "ourselves",  "out",
    "outside",   "over",    "own",     "same",     "shall",      "she",        "should",
    "shouldn't", "since",   "so",      "some",     "such",       "than",       "that",
    "the",       "their",   "theirs",  "them",     "themselves", "then",       "there",
    "these",     "they",    "this",    "those",    "though",     "through",    "throughout",
    "to",        "too",     "toward",  "towards",  "under",      "unless",     "until",
    "up",        "upon",    "us",      "very",     "via",        "was",        "wasn't",
    "we",        "were",    "weren't", "what",     "when",       "where",      "whereas",
    "whether",   "which",   "while",   "who",      "whom",       "whose",      "why",
    "will",      "with",    "within",  "without",  "won't",      "would",      "wouldn't",
    "yet",       "you",     "your",    "yours",    "yourself",   "yourselves",
};

static_assert(std::is_sorted(kStopWords.begin(), kStopWords.end()));

}  // namespace

bool is_stop_word(std::string_view word) {
  return std::binary_search(kStopWords.begin(), kStopWords.end(), word);
}

}  // namespace briefings
