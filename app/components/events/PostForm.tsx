import { Form, useFormAction, useSubmit } from "@remix-run/react";
import { createContext, useContext, type FormEvent, type FormHTMLAttributes, type ReactNode } from "react";

type Post = { action: string; onSubmit: (event: FormEvent<HTMLFormElement>) => void };

const PostContext = createContext<Post | null>(null);

/**
 * The lead's panels hold a form per roster row, participant and role (dozens on a full event). Remix's <Form> works
 * out its action and submit function in each form, a large part of rendering the lead's page on the server; here the
 * panel does it once and its forms share them. Each form behaves as <Form method="post">: a plain HTML form without
 * JavaScript, submitted by Remix (no reload, the pressed button's name and value included) with it.
 */
export function PostForms({ children }: { children: ReactNode }) {
  const submit = useSubmit();
  const action = useFormAction();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (event.defaultPrevented) return;
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | HTMLInputElement | null;
    submit(submitter ?? event.currentTarget, { method: "post" });
  };
  return <PostContext.Provider value={{ action, onSubmit }}>{children}</PostContext.Provider>;
}

type FormProps = Omit<FormHTMLAttributes<HTMLFormElement>, "method" | "action" | "onSubmit" | "encType">;

/** A post form to the page's own action (inside PostForms; elsewhere it is Remix's <Form method="post">). */
export function PostForm(props: FormProps) {
  const post = useContext(PostContext);
  if (!post) return <Form method="post" {...props} />;
  return <form method="post" action={post.action} onSubmit={post.onSubmit} {...props} />;
}
