package coverage

// For the tests of package covmap: a hand-made grid and its picture.
var (
	HandGrid     = handGrid
	PictureField = pictureField
)
