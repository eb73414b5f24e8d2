// Package criteria implements analyst-authored risk criteria.
package criteria


