#pragma once
/// Type compatibility for a column's type change (issue #16 point 6): the one table every rule
/// about retypes reads. Types are as format_type() prints them (`character varying(100)`,
/// `numeric(12,2)`, `timestamp(3) with time zone`, `integer[]`).
#include <string_view>

namespace ds::ir {

enum class TypeChange {
  /// Every value of the old type is a value of the new one, unchanged, and compares and sorts
  /// the same: only the room grows.
  ///   character varying(n) -> character varying(m >= n), character varying, text
  ///   character(n)         -> character(m >= n)
  ///   smallint -> integer -> bigint; any of them -> numeric (unbounded, or with room for its
  ///   digits: 5, 10, 19 integer digits)
  ///   numeric(p,s) -> numeric(p2,s2) with s2 >= s and p2 - s2 >= p - s; -> numeric
  ///   real -> double precision
  ///   timestamp(p) / time(p) -> the same with more fractional digits (time zone unchanged)
  ///   bit varying(n) -> bit varying(m >= n), bit varying
  ///   an array of any of these -> the array of its widening
  kWidening,
  /// Anything else: narrowing, another family, a time zone added or removed, a type we cannot
  /// read.
  kIncompatible,
};

/// How a column's type changed from `from` to `to` (equal types are a widening of nothing).
TypeChange CompareTypes(std::string_view from, std::string_view to);

}  // namespace ds::ir
