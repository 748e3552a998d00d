package main

import "strconv"

func ftoa(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }
