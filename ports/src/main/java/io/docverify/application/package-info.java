/** The use-case implementations over the ports, and the in-process event bus. */
package io.docverify.application;
