#pragma once
/// A generated, realistic analytics corpus for the lineage benchmark: a few hundred tables and
/// thousands of views (filters, joins, aggregates, CTEs, stars, windows, CASE, subqueries, and
/// views on earlier views), the same for a given seed.
#include <cstdint>
#include <string>
#include <vector>

namespace ds::bench {

struct Corpus {
  std::string schema;               ///< CREATE TABLE statements
  std::vector<std::string> views;   ///< one CREATE VIEW statement each, in dependency order
};

/// `tables` tables of 6 to 15 columns, `views` views; deterministic for a given `seed`.
Corpus GenerateCorpus(int tables, int views, uint32_t seed);

}  // namespace ds::bench
