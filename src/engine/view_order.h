#pragma once
/// View files are not ordered by name the way migrations are: a view must be created after the
/// views it reads, as PostgreSQL binds a view's dependencies when it is created.
#include <string>
#include <vector>

#include "src/engine/inputs.h"

namespace ds::engine {

/// `views` reordered so that a file comes after the files creating the relations it reads.
/// Ties (and cycles, which lineage reports) keep path order.
std::vector<InputFile> DependencyOrder(const std::vector<InputFile>& views, const ParsedFiles& parsed,
                                       const std::vector<std::string>& search_path);

}  // namespace ds::engine
