"""Pure pandas on the Dataset: slices, ranks, France's value, gaps, quadrants, profiles."""
