/**
 * The file being uploaded, as both kinds of port carry it: its name, its content as a back-pressured stream of
 * chunks, and the SHA-256 its sender may declare ({@link io.docverify.ports.file.FileUpload},
 * {@link io.docverify.ports.file.DeclaredDigest}). Depends only on the stream plumbing, the domain and the JDK.
 *
 * <p>Where the work happens: the content is read once, by whoever creates the document (the provider), through the
 * domain's content inspector; the declared digest is checked against what was read before anything is kept.
 */
package io.docverify.ports.file;
