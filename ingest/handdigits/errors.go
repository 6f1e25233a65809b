package handdigits

import "errors"

// Errors Read wraps; match them with errors.Is.
var (
	// ErrImage: the image is empty or larger than Config.MaxPixels.
	ErrImage = errors.New("handdigits: unusable image")
	// ErrNoInk: the region is blank paper (too little contrast or no
	// stroke as tall as Config.MinHeight).
	ErrNoInk = errors.New("handdigits: no digits in region")
	// ErrTooMany: more marks than Config.MaxDigits: the region is not a
	// short run of digits (printed text, a stamp, a smudge).
	ErrTooMany = errors.New("handdigits: too many marks for a run of digits")
	// ErrModel: the model data does not decode.
	ErrModel = errors.New("handdigits: bad model")
	// ErrConfig: a Config field is out of range.
	ErrConfig = errors.New("handdigits: bad config")
)
