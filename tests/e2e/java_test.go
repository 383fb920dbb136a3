// The Java example under the real engine: the Java host compiles and runs it with Maven, against the
// Java SDK from sdk/java installed into the local Maven repository.
package e2e

import (
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

var javaSDK struct {
	once sync.Once
	err  string
}

// needJava fails the test unless Maven and the Java host are on PATH, and installs sdk/java into the
// local Maven repository once per test binary.
func needJava(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"mvn", "pulumi-language-java"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not on PATH: scripts/build-tools.sh java builds the Java host", tool)
		}
	}
	javaSDK.once.Do(func() {
		install := exec.Command("mvn", "-B", "-q", "--no-transfer-progress", "-f", filepath.Join("..", "..", "sdk", "java"), "install")
		if out, err := install.CombinedOutput(); err != nil {
			javaSDK.err = "mvn install of sdk/java: " + err.Error() + "\n" + string(out)
		}
	})
	if javaSDK.err != "" {
		t.Fatal(javaSDK.err)
	}
}

func TestJavaPreviewUpdateInPlace(t *testing.T) {
	needJava(t)
	previewUpdateInPlace(t, filepath.Join("..", "..", "examples", "java"))
}
