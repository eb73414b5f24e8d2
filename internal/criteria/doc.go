// Package criteria implements analyst-authored risk criteria.
package criteria

import _ "cel.dev/cel-go/cel"
