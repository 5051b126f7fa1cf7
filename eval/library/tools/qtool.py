#!/usr/bin/env python3
"""Dev helper: locate a quote in a document and show the paragraph number before it.
usage: qtool.py DOC "quote"      |  qtool.py units DOC  (resolutions: list PP/OP units)
"""
import re, sys, os
_HERE=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TXT=os.path.join(_HERE,'txt'); RES=os.path.join(_HERE,'..','..','..','shared','corpus','resolutions')
def raw(doc):
    p=os.path.join(TXT,doc+'.txt')
    if os.path.exists(p): return open(p,encoding='utf-8').read()
    return open(os.path.join(RES,doc+'.txt'),encoding='utf-8').read()
def norm(t, keep=False):
    t=t.replace('\u00ad','')
    if keep: t=re.sub(r'-[ \t]*\n\s*', '-', t)
    else: t=re.sub(r'(?<=[a-z])-[ \t]*\n\s*(?=[a-z])', '', t)
    return re.sub(r'\s+',' ',t).strip()
def res_units(doc):
    blocks=[b.strip() for b in re.split(r'\n\s*\n', raw(doc)) if b.strip()]
    out=[]; started=False; pp=0; op=None; annex=False
    for b in blocks:
        if not started:
            if re.match(r'^The (General Assembly|Economic and Social Council|Human Rights Council),?$', b): started=True
            out.append(('hdr',b)); continue
        m=re.match(r'^(\d+)\.\s',b)
        if re.match(r'^Annex',b): annex=True; out.append(('ANNEX',b)); continue
        if annex: out.append(('annex',b)); continue
        if m: op=int(m.group(1)); out.append(('OP %d'%op,b))
        elif op is None and not re.match(r'^\(',b): pp+=1; out.append(('PP %d'%pp,b))
        elif op is not None: out.append(('OP %d'%op,b))
        else: out.append(('PP %d'%pp,b))
    return out
def locate(doc,q):
    r=raw(doc); nq=norm(q)
    a=norm(r); b=norm(r,True)
    print('in rejoined:', nq in a, '| in hyphen-kept:', nq in b, '| count:', a.count(nq))
    if doc.startswith(('A_RES','E_RES','A_HRC')):
        for u,bl in res_units(doc):
            if nq in norm(bl): print('UNIT', u, '::', norm(bl)[:150])
        return
    # map to line: find first line containing first 3 words
    lines=r.split('\n')
    words=nq.split()
    key=' '.join(words[:4])
    for i,l in enumerate(lines):
        if key in norm(l) or (len(words)>4 and ' '.join(words[:3]) in norm(l)):
            for j in range(i,-1,-1):
                m=re.match(r'^\s{0,40}((?:\d{1,3}|[A-Z]\.\d+)\.)\s{1,8}\S',lines[j])
                if m:
                    print('line',i+1,'para-start line',j+1,':',lines[j].strip()[:120]); break
            print('   >>',lines[i].strip()[:140])
if __name__=='__main__':
    if sys.argv[1]=='units':
        for u,b in res_units(sys.argv[2]): print(u,'::',norm(b)[:int(sys.argv[3]) if len(sys.argv)>3 else 160])
    else: locate(sys.argv[1],sys.argv[2])
